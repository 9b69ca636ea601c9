import { Alert, App as AntApp, Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { numberBounds } from '../../../contracts/limits';
import { ZParkInput } from '../../../contracts/registry';
import { parseIntParam } from '../../app/format';
import { useLabels } from '../../app/labels';
import { usePermissions } from '../../app/permissions';
import { ApiError } from '../../client/client';
import { useAllParks, useDistricts, usePark, useSavePark } from '../../client/queries';
import type { TPark, TParkInput } from '../../client/types';
import { ServerErrorList } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, Forbidden, Loading } from '../../components/states';
import { useServerErrors } from '../../components/useServerErrors';

/** The API's own limits, advertised by the number inputs. */
const bounds = Object.fromEntries(
  (['plannedAreaKm2', 'builtAreaM2', 'landMu', 'lat', 'lng'] as const).map((k) => [
    k,
    numberBounds(ZParkInput.shape[k]),
  ]),
);

type ParkForm = Omit<TParkInput, 'parentId'> & { parentId?: number | null };

const FIELDS = [
  'code',
  'name',
  'nameEn',
  'kind',
  'level',
  'status',
  'parentId',
  'regionCode',
  'leadingIndustries',
  'plannedAreaKm2',
  'builtAreaM2',
  'landMu',
  'lat',
  'lng',
  'locationApproximate',
  'operator',
  'tags',
  'description',
  'sourceId',
  'asOf',
  'synthetic',
] as const;

/** Empty strings from inputs mean "no value". */
function clean(v: ParkForm): ParkForm {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = x === '' || x === undefined ? null : x;
  return out as ParkForm;
}

export default function ParkFormPage() {
  const id = parseIntParam(useParams().id);
  const park = usePark(id);
  const perms = usePermissions();
  if (id === undefined) return perms.mayCreate('parks') ? <ParkFormView /> : <Forbidden />;
  if (park.isPending) return <Loading rows={10} />;
  if (park.isError) return <ErrorState error={park.error} onRetry={() => void park.refetch()} />;
  if (!perms.mayEdit('parks', park.data)) return <Forbidden />;
  return <ParkFormView park={park.data} />;
}

function ParkFormView({ park }: { park?: TPark }) {
  const { t } = useTranslation();
  const { options, pickName } = useLabels();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ParkForm>();
  const districts = useDistricts();
  const parks = useAllParks();
  const save = useSavePark(park?.id);
  const server = useServerErrors(FIELDS);
  const stale = server.error instanceof ApiError && server.error.status === 409;

  const initial = useMemo<Partial<ParkForm>>(
    () =>
      park
        ? Object.fromEntries(FIELDS.map((k) => [k, park[k as keyof TPark] ?? undefined]))
        : {
            level: 'other',
            status: 'operating',
            locationApproximate: true,
            leadingIndustries: [],
            tags: [],
            sourceId: 'user',
            synthetic: false,
          },
    [park],
  );

  const onFinish = async (values: ParkForm) => {
    server.clear();
    try {
      const saved = await save.mutateAsync(park ? { ...clean(values), version: park.version } : clean(values));
      void message.success(park ? t('form.saved') : t('form.created'));
      navigate(`/parks/${saved.id}`);
    } catch (e) {
      server.setError(e);
    }
  };

  // A park operator's list holds only their own parks, so the current parent (a zone above them) may be
  // missing from it; keep it as an option so the select shows its name instead of its bare id.
  const parentOptions = useMemo(() => {
    const opts = (parks.data?.items ?? [])
      .filter((p) => p.id !== park?.id)
      .map((p) => ({ value: p.id, label: pickName(p.name, p.nameEn) }));
    if (park?.parentId && !opts.some((o) => o.value === park.parentId))
      opts.unshift({ value: park.parentId, label: park.parentName ?? String(park.parentId) });
    return opts;
  }, [parks.data, park, pickName]);

  const title = park ? `${t('park.editPark')} · ${pickName(park.name, park.nameEn)}` : t('park.newPark');
  return (
    <>
      <PageHeader
        crumbs={[
          { title: t('nav.parks'), to: '/parks' },
          ...(park ? [{ title: pickName(park.name, park.nameEn), to: `/parks/${park.id}` }] : []),
          { title: park ? t('common.edit') : t('common.create') },
        ]}
        title={title}
      />
      <Card size="small">
        {stale && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('form.conflict')}
            action={
              <Button size="small" onClick={() => window.location.reload()}>
                {t('form.reload')}
              </Button>
            }
          />
        )}
        <ServerErrorList items={stale ? [] : server.unmatched} />
        <Form<ParkForm>
          form={form}
          name="park"
          layout="vertical"
          initialValues={initial}
          onFinish={onFinish}
          onValuesChange={server.onValuesChange}
          scrollToFirstError
          data-testid="park-form"
          requiredMark
        >
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="name"
                {...server.itemProps(['name'])}
                label={t('park.name')}
                rules={[{ required: true, message: t('form.required', { field: t('park.name') }) }]}
                className="field-name"
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="nameEn"
                {...server.itemProps(['nameEn'])}
                label={t('common.nameEn')}
                className="field-nameEn"
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="code"
                {...server.itemProps(['code'])}
                label={t('common.code')}
                extra={t('form.parkCodeHelp')}
                required
                className="field-code"
              >
                <Input maxLength={64} disabled={!!park} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="kind"
                {...server.itemProps(['kind'])}
                label={t('park.kind')}
                required
                className="field-kind"
              >
                <Select options={options('parkKind')} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="level" {...server.itemProps(['level'])} label={t('park.level')} className="field-level">
                <Select options={options('parkLevel')} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item
                name="status"
                {...server.itemProps(['status'])}
                label={t('park.status')}
                className="field-status"
              >
                <Select options={options('parkStatus')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="regionCode"
                {...server.itemProps(['regionCode'])}
                label={t('park.district')}
                required
                className="field-regionCode"
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={districts.isPending}
                  options={(districts.data?.items ?? []).map((r) => ({ value: r.code, label: r.name }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="parentId"
                {...server.itemProps(['parentId'])}
                label={t('park.parent')}
                className="field-parentId"
              >
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={parks.isPending}
                  options={parentOptions}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="leadingIndustries"
                {...server.itemProps(['leadingIndustries'])}
                label={t('park.leadingIndustries')}
                className="field-leadingIndustries"
              >
                <Select mode="multiple" options={options('chain')} optionFilterProp="label" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="plannedAreaKm2"
                {...server.itemProps(['plannedAreaKm2'])}
                label={`${t('park.plannedArea')} (${t('units.km2')})`}
                className="field-plannedAreaKm2"
              >
                <InputNumber {...bounds.plannedAreaKm2} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="builtAreaM2"
                {...server.itemProps(['builtAreaM2'])}
                label={`${t('park.builtArea')} (${t('units.m2')})`}
                className="field-builtAreaM2"
              >
                <InputNumber {...bounds.builtAreaM2} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="landMu"
                {...server.itemProps(['landMu'])}
                label={`${t('park.land')} (${t('units.mu')})`}
                className="field-landMu"
              >
                <InputNumber {...bounds.landMu} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="operator"
                {...server.itemProps(['operator'])}
                label={t('park.operator')}
                className="field-operator"
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="lat" {...server.itemProps(['lat'])} label={t('location.lat')} className="field-lat">
                <InputNumber {...bounds.lat} style={{ width: '100%' }} step={0.001} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="lng" {...server.itemProps(['lng'])} label={t('location.lng')} className="field-lng">
                <InputNumber {...bounds.lng} style={{ width: '100%' }} step={0.001} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="locationApproximate"
                {...server.itemProps(['locationApproximate'])}
                valuePropName="checked"
                label=" "
                className="field-locationApproximate"
              >
                <Checkbox>{t('form.locationApproximate')}</Checkbox>
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="tags"
                {...server.itemProps(['tags'])}
                label={t('park.tags')}
                extra={t('form.tagsHelp')}
                className="field-tags"
              >
                <Select mode="tags" open={false} suffixIcon={null} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="description"
                {...server.itemProps(['description'])}
                label={t('common.description')}
                className="field-description"
              >
                <Input.TextArea rows={3} maxLength={4000} showCount />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="sourceId"
                {...server.itemProps(['sourceId'])}
                label={t('form.sourceId')}
                tooltip={t('form.sourceIdHelp')}
                className="field-sourceId"
              >
                <Input maxLength={64} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="asOf" {...server.itemProps(['asOf'])} label={t('form.asOf')} className="field-asOf">
                <Input placeholder={t('form.datePlaceholder')} maxLength={10} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="synthetic"
                {...server.itemProps(['synthetic'])}
                valuePropName="checked"
                label=" "
                className="field-synthetic"
              >
                <Checkbox>{t('form.synthetic')}</Checkbox>
              </Form.Item>
            </Col>
          </Row>
          <Form.Item style={{ marginBottom: 0 }}>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="submit">
              {save.isPending ? t('form.saving') : t('form.submit')}
            </Button>{' '}
            <Button onClick={() => navigate(park ? `/parks/${park.id}` : '/parks')}>{t('common.cancel')}</Button>
          </Form.Item>
        </Form>
      </Card>
    </>
  );
}
