/**
 * The renewal tab's plots (地块): the table with the rule that classed each, its export, the land register
 * import (the shared SpreadsheetImport: all rows or none, the row-level report), and for those who keep the
 * register an edit dialog (FieldGrid; sent at the version read, a stale copy refused above the form, each
 * refused field under its own label) and removal.
 */
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LAND_USES, type TLandPlot } from '../../../contracts/evaluation';
import { parsePlace, toWkt } from '../../../domain/evaluation/outline';
import { fmtFixed } from '../../app/format';
import { useLabels } from '../../app/labels';
import { usePermissions } from '../../app/permissions';
import { useBuildings } from '../../client/queries';
import { DownloadButton } from '../../components/DownloadButton';
import { EnterprisePicker } from '../../components/EnterprisePicker';
import { FieldGrid } from '../../components/FieldGrid';
import { ServerErrorList } from '../../components/formErrors';
import { SpreadsheetImport } from '../../components/SpreadsheetImport';
import { QueryView } from '../../components/states';
import { SyntheticBadge } from '../../components/tags';
import { useServerErrors } from '../../components/useServerErrors';
import { B, type TRenewalView, useDeletePlot, usePlot, useUpdatePlot } from './api';

type PlotRow = TRenewalView['plots'][number];
type RuleText = (r: NonNullable<PlotRow['rule']>) => string;

const FIELDS = [
  'code',
  'name',
  'nameEn',
  'areaMu',
  'landUse',
  'ownerEnterpriseId',
  'ownerName',
  'outline',
  'lng',
  'lat',
  'locationApproximate',
  'buildingIds',
];

export function PlotsSection({ view, runId, ruleText }: { view: TRenewalView; runId: number; ruleText: RuleText }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const { pickName } = useLabels();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const keeps = usePermissions().may('evaluation.plots');
  const [editing, setEditing] = useState<number | null>(null);
  const remove = useDeletePlot();
  return (
    <>
      <Typography.Title level={5}>{t('evaluation.plots')}</Typography.Title>
      <Typography.Text type="secondary">{t('evaluation.plotsHint')}</Typography.Text>
      <Space wrap>
        <DownloadButton path={`${B}/renewal/plots.xlsx`} params={{ runId, lang }} fileName="renewal-plots.xlsx">
          {t('evaluation.plotsExport')}
        </DownloadButton>
        {keeps && (
          <SpreadsheetImport
            uploadPath={`${B}/renewal/plots/import`}
            templatePath={`${B}/renewal/plots/template.xlsx`}
            templateFileName={lang === 'zh' ? '土地台账导入模板.xlsx' : 'land-register-template.xlsx'}
            testId="import-plots"
            buttonLabel={t('evaluation.plotImport')}
            templateLabel={t('evaluation.plotTemplate')}
            refusedTitle={(file) => t('evaluation.plotImportRefused', { file })}
            refusedBody={(count) => t('evaluation.plotImportRefusedBody', { count })}
            imported={(_n, r) =>
              t('evaluation.plotImported', {
                count: Number(r.imported) + Number(r.updated),
                created: Number(r.imported),
                updated: Number(r.updated),
              })
            }
            onImported={() => qc.invalidateQueries({ queryKey: ['evaluation'] })}
          />
        )}
      </Space>
      <Table
        size="small"
        rowKey="plotId"
        data-testid="evaluation-plots"
        dataSource={view.plots}
        locale={{ emptyText: t('evaluation.noPlots') }}
        columns={[
          {
            title: t('evaluation.plot'),
            render: (_, x) => (
              <Space>
                {pickName(x.name, x.nameEn)}
                <SyntheticBadge synthetic={x.synthetic} />
              </Space>
            ),
          },
          { title: t('evaluation.park'), render: (_, x) => pickName(x.parkName, x.parkNameEn) },
          { title: t('evaluation.plotCode'), dataIndex: 'code' },
          { title: t('evaluation.plotArea'), width: 100, render: (_, x) => fmtFixed(x.areaMu, 1, i18n.language) },
          { title: t('evaluation.landUse'), width: 90, render: (_, x) => t(`evaluation.lu_${x.landUse}`) },
          { title: t('evaluation.holder'), render: (_, x) => x.ownerName ?? '—' },
          {
            title: t('evaluation.mode'),
            width: 160,
            render: (_, x) => (x.mode ? t(`evaluation.mode_${x.mode}`) : t('evaluation.withheld')),
          },
          { title: t('evaluation.rule'), render: (_, x) => (x.rule ? ruleText(x.rule) : t('evaluation.withheld')) },
          ...(keeps
            ? [
                {
                  title: t('evaluation.plotActions'),
                  width: 130,
                  render: (_: unknown, x: PlotRow) => (
                    <Space size={4}>
                      <Button size="small" type="link" data-testid="plot-edit" onClick={() => setEditing(x.plotId)}>
                        {t('evaluation.plotEdit')}
                      </Button>
                      <Popconfirm
                        title={t('evaluation.plotDeleteConfirm', { code: x.code })}
                        okText={t('evaluation.plotDelete')}
                        cancelText={t('common.cancel')}
                        onConfirm={() =>
                          remove.mutate(
                            { id: x.plotId, version: x.version },
                            {
                              onSuccess: () => void message.success(t('evaluation.plotDeleted')),
                              onError: (e) => void message.error(e instanceof Error ? e.message : String(e)),
                            },
                          )
                        }
                      >
                        <Button size="small" type="link" danger data-testid="plot-delete">
                          {t('evaluation.plotDelete')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing !== null && <PlotEditModal id={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

interface PlotValues {
  code: string;
  name: string;
  nameEn?: string | null;
  areaMu: number;
  landUse: (typeof LAND_USES)[number];
  ownerEnterpriseId?: number | null;
  ownerName?: string | null;
  outline?: string;
  lng?: number | null;
  lat?: number | null;
  locationApproximate: boolean;
  buildingIds: number[];
}

/** The plot as recorded, loaded for the dialog (its own point and outline, not the map's centroid). */
function PlotEditModal({ id, onClose }: { id: number; onClose: () => void }) {
  const plot = usePlot(id);
  return <QueryView query={plot}>{(p) => <PlotEditForm plot={p} onClose={onClose} />}</QueryView>;
}

function PlotEditForm({ plot, onClose }: { plot: TLandPlot; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PlotValues>();
  const server = useServerErrors(FIELDS);
  const update = useUpdatePlot();
  const labels: Record<string, string> = {
    code: t('evaluation.plotCode'),
    name: t('evaluation.plotName'),
    nameEn: t('evaluation.plotNameEn'),
    areaMu: t('evaluation.plotArea'),
    landUse: t('evaluation.landUse'),
    ownerEnterpriseId: t('evaluation.plotHolderFirmField'),
    ownerName: t('evaluation.plotHolderName'),
    outline: t('evaluation.plotOutline'),
    lng: t('evaluation.plotLng'),
    lat: t('evaluation.plotLat'),
    locationApproximate: t('evaluation.plotApproximate'),
    buildingIds: t('evaluation.plotBuildings'),
  };
  const holderFirm = Form.useWatch('ownerEnterpriseId', form);
  // The buildings of the plot's park: which of them stand on this plot.
  const buildings = useBuildings({ parkId: plot.parkId, limit: 500, sort: 'name' });
  const placeRule = {
    validator: async (_: unknown, v: string | undefined) => {
      const place = parsePlace(v ?? '');
      if (place?.kind === 'error') throw new Error(i18n.language.startsWith('zh') ? place.zh : place.en);
    },
  };
  const onFinish = (v: PlotValues) => {
    server.clear();
    const place = parsePlace(v.outline ?? '');
    const point =
      place?.kind === 'point' ? { lng: place.lng, lat: place.lat } : { lng: v.lng ?? null, lat: v.lat ?? null };
    update.mutate(
      {
        id: plot.id,
        body: {
          version: plot.version,
          code: v.code.trim(),
          name: v.name.trim(),
          nameEn: v.nameEn?.trim() || null,
          areaMu: v.areaMu,
          landUse: v.landUse,
          // a registered firm, or else a holder's name
          ownerEnterpriseId: v.ownerEnterpriseId ?? null,
          ownerName: v.ownerEnterpriseId ? null : v.ownerName?.trim() || null,
          outline: place?.kind === 'outline' ? place.ring : null,
          ...point,
          locationApproximate: v.locationApproximate,
          buildingIds: v.buildingIds ?? [],
        },
      },
      {
        onSuccess: () => {
          void message.success(t('evaluation.plotSaved'));
          onClose();
        },
        onError: server.setError,
      },
    );
  };
  const item = (name: string) => server.itemProps([name]);
  return (
    <Modal
      open
      width={760}
      title={t('evaluation.plotEditTitle', { code: plot.code })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
      destroyOnHidden
      data-testid="plot-form"
    >
      {plot.synthetic && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('synthetic.tip')} />}
      <ServerErrorList items={server.unmatched} />
      <Form<PlotValues>
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={onFinish}
        onValuesChange={server.onValuesChange}
        initialValues={{
          code: plot.code,
          name: plot.name,
          nameEn: plot.nameEn,
          areaMu: plot.areaMu,
          landUse: plot.landUse,
          ownerEnterpriseId: plot.ownerEnterpriseId,
          ownerName: plot.ownerEnterpriseId === null ? plot.ownerName : null,
          outline: plot.outline ? toWkt(plot.outline) : '',
          lng: plot.lng,
          lat: plot.lat,
          locationApproximate: plot.locationApproximate,
          buildingIds: plot.buildingIds,
        }}
      >
        <FieldGrid
          labels={labels}
          itemProps={item}
          fields={[
            { name: 'code', span: 8, required: true, input: <Input maxLength={64} /> },
            { name: 'name', span: 8, required: true, input: <Input maxLength={200} /> },
            { name: 'nameEn', span: 8, input: <Input maxLength={200} /> },
            {
              name: 'areaMu',
              span: 8,
              required: true,
              input: <InputNumber min={0.0001} max={99_999} step={0.1} style={{ width: '100%' }} />,
            },
            {
              name: 'landUse',
              span: 8,
              required: true,
              input: (
                <Select
                  data-testid="plot-land-use"
                  options={LAND_USES.map((u) => ({ value: u, label: t(`evaluation.lu_${u}`) }))}
                />
              ),
            },
            { name: 'ownerEnterpriseId', span: 12, input: <EnterprisePicker testId="plot-holder-firm" /> },
            {
              name: 'ownerName',
              span: 12,
              input: <Input maxLength={200} disabled={!!holderFirm} />,
            },
            {
              name: 'outline',
              span: 24,
              rules: [placeRule],
              input: <Input.TextArea rows={3} placeholder={t('evaluation.plotOutlineHelp')} />,
            },
            {
              name: 'lng',
              span: 8,
              input: <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} />,
            },
            { name: 'lat', span: 8, input: <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} /> },
            { name: 'locationApproximate', span: 8, valuePropName: 'checked', input: <Switch /> },
            {
              name: 'buildingIds',
              span: 24,
              input: (
                <Select
                  mode="multiple"
                  allowClear
                  data-testid="plot-buildings"
                  loading={buildings.isLoading}
                  optionFilterProp="label"
                  options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
                />
              ),
            },
          ]}
        />
      </Form>
    </Modal>
  );
}
