import type { FormListFieldData } from 'antd';
import { Checkbox, Input, InputNumber, Select } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { SPACE_METRICS } from '../../../contracts/space';
import { usePermissions } from '../../app/permissions';
import { OriginalText } from '../../components/OriginalText';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { type DocItem, VersionedDocEditor } from '../../components/VersionedDocEditor';
import {
  type TTargetInput,
  type TTargetSetView,
  useDiscardTargetDraft,
  usePublishTargetDraft,
  useSaveTargetDraft,
  useTargets,
} from './api';

const SCOPE_KINDS = ['city', 'district', 'zone', 'park'] as const;

const BLANK: TTargetInput = {
  code: '',
  metric: 'upstairs_area_m2',
  scopeKind: 'city',
  scopeCode: null,
  periodStart: '',
  periodEnd: '',
  value: 0,
  label: '',
  labelEn: null,
  sourceId: null,
  sourceNote: null,
  synthetic: false,
};

/**
 * The programme targets editor: the draft (or, without one, the version in force) as an editable table,
 * kept as the 工业上楼 rules are. Saving makes the draft; publishing makes it the next version, which
 * progress reads; a refusal shows under the target's field the server names (zh/en). Others read.
 */
export default function TargetsPage() {
  const { t } = useTranslation();
  const q = useTargets();
  return (
    <>
      <PageHeader
        title={t('space.targetsTitle')}
        subtitle={t('space.targetsSubtitle')}
        extra={<Link to="/space/programme">{t('space.targetsBack')}</Link>}
      />
      <QueryView query={q}>
        {(d) => <TargetsEditor key={`${d.version}:${d.draft?.updatedAt ?? ''}`} data={d} />}
      </QueryView>
    </>
  );
}

function TargetsEditor({ data }: { data: TTargetSetView }) {
  const { t } = useTranslation();
  const editable = usePermissions().may('space.editRules');
  const save = useSaveTargetDraft();
  const publish = usePublishTargetDraft();
  const discard = useDiscardTargetDraft();

  const sourceOptions = useMemo(
    () =>
      data.sources.map((s) => ({
        value: s.id,
        search: `${s.id} ${s.title}`,
        label: <OriginalText text={s.title} tag={false} />,
      })),
    [data.sources],
  );
  const scopeOptions = (kind: string | undefined) =>
    data.scopes
      .filter((s) => (kind === 'district' ? s.kind === 'district' : s.kind === 'park'))
      .map((s) => ({
        value: s.code,
        search: `${s.code} ${s.name}`,
        label: <OriginalText text={s.name} tag={false} />,
      }));
  const filter = (input: string, o?: { search?: string }) =>
    (o?.search ?? '').toLowerCase().includes(input.toLowerCase());

  const columns = (item: DocItem, kinds: TTargetInput[] | undefined): ColumnsType<FormListFieldData> => {
    const required = { required: true };
    return [
      {
        title: t('space.targetsCode'),
        fixed: 'left' as const,
        width: 190,
        render: (_, f) => item([f.name, 'code'], <Input size="small" style={{ width: 170 }} />, required),
      },
      {
        title: t('space.targetsMetric'),
        width: 230,
        render: (_, f) =>
          item(
            [f.name, 'metric'],
            <Select
              size="small"
              style={{ width: 210 }}
              options={SPACE_METRICS.map((m) => ({ value: m, label: t(`space.metric_${m}`) }))}
            />,
            required,
          ),
      },
      {
        title: t('space.targetsScopeKind'),
        width: 130,
        render: (_, f) =>
          item(
            [f.name, 'scopeKind'],
            <Select
              size="small"
              style={{ width: 110 }}
              options={SCOPE_KINDS.map((k) => ({ value: k, label: t(`space.scope_${k}`) }))}
            />,
            required,
          ),
      },
      {
        title: t('space.targetsScopeCode'),
        width: 240,
        render: (_, f) => {
          const kind = kinds?.[f.name]?.scopeKind;
          return item(
            [f.name, 'scopeCode'],
            <Select
              size="small"
              style={{ width: 200 }}
              allowClear
              showSearch
              disabled={!editable || kind === 'city' || kind === undefined}
              filterOption={filter}
              options={kind === 'city' ? [] : scopeOptions(kind)}
            />,
          );
        },
      },
      {
        title: t('space.targetsStart'),
        width: 170,
        render: (_, f) => item([f.name, 'periodStart'], <Input type="date" size="small" />, required),
      },
      {
        title: t('space.targetsEnd'),
        width: 170,
        render: (_, f) => item([f.name, 'periodEnd'], <Input type="date" size="small" />, required),
      },
      {
        title: t('space.targetsValue'),
        width: 260,
        render: (_, f) => item([f.name, 'value'], <InputNumber size="small" style={{ width: 130 }} />, required),
      },
      {
        title: t('space.targetsLabel'),
        render: (_, f) => item([f.name, 'label'], <Input size="small" style={{ width: 240 }} />, required),
      },
      {
        title: t('space.targetsLabelEn'),
        render: (_, f) => item([f.name, 'labelEn'], <Input size="small" style={{ width: 240 }} />),
      },
      {
        title: t('space.targetsSource'),
        width: 260,
        render: (_, f) =>
          item(
            [f.name, 'sourceId'],
            <Select
              size="small"
              style={{ width: 240 }}
              allowClear
              showSearch
              filterOption={filter}
              options={sourceOptions}
            />,
          ),
      },
      {
        title: t('space.targetsSourceNote'),
        render: (_, f) => item([f.name, 'sourceNote'], <Input size="small" style={{ width: 220 }} />),
      },
      {
        title: t('space.targetsIllustrative'),
        render: (_, f) => item([f.name, 'synthetic'], <Checkbox />, { valuePropName: 'checked' }),
      },
    ];
  };

  return (
    <VersionedDocEditor<TTargetInput>
      data={data}
      listName="targets"
      items={data.targets}
      draftItems={data.draft?.targets}
      testId="space-targets"
      editable={editable}
      blank={BLANK}
      scrollX={2400}
      columns={columns}
      save={save}
      publish={publish}
      discard={discard}
      labels={{
        inForce: data.version > 0 ? t('space.targetsInForce', { version: data.version }) : t('space.targetsSeeded'),
        readOnly: t('space.targetsReadOnly'),
        add: t('space.targetsAdd'),
        publishConfirm: t('space.targetsPublishConfirm', { version: data.version + 1 }),
        versions: t('space.targetsVersions'),
        countTitle: t('space.targetsCountTitle'),
        count: (n) => t('space.targetsCount', { count: n }),
      }}
    />
  );
}
