import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { numberBounds } from '../../../contracts/limits';
import { ZHonour } from '../../../contracts/registry';
import { parseIntParam } from '../../app/format';
import { useLabels } from '../../app/labels';
import { usePermissions } from '../../app/permissions';
import { ApiError } from '../../client/client';
import { useCreditCodeCheck, useDistricts, useEnterprise, useSaveEnterprise, useTiers } from '../../client/queries';
import type { TEnterprise, TEnterpriseInput } from '../../client/types';
import { hasErrorCode, ServerErrorList } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, Forbidden, Loading } from '../../components/states';
import { useServerErrors } from '../../components/useServerErrors';
import { IndustryClassPicker } from './IndustryClassPicker';

type EnterpriseForm = TEnterpriseInput;

const FIELDS = [
  'creditCode',
  'creditCodeConfirmed',
  'name',
  'nameEn',
  'aliases',
  'industryClassCode',
  'foundedOn',
  'scale',
  'lifecycleStage',
  'isChainLeader',
  'chainCode',
  'chainStage',
  'products',
  'regionCode',
  'honours',
  'description',
  'sourceId',
  'asOf',
  'synthetic',
] as const;

function clean(v: EnterpriseForm): EnterpriseForm {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = x === '' || x === undefined ? null : x;
  out.honours = (v.honours ?? []).map((h) => ({ ...h, validUntil: h.validUntil || null }));
  out.creditCodeConfirmed = !!v.creditCodeConfirmed;
  return out as EnterpriseForm;
}

export default function EnterpriseFormPage() {
  const id = parseIntParam(useParams().id);
  const enterprise = useEnterprise(id);
  const perms = usePermissions();
  if (id === undefined) return perms.mayCreate('enterprises') ? <EnterpriseFormView /> : <Forbidden />;
  if (enterprise.isPending) return <Loading rows={10} />;
  if (enterprise.isError) return <ErrorState error={enterprise.error} onRetry={() => void enterprise.refetch()} />;
  if (!perms.mayEdit('enterprises', enterprise.data)) return <Forbidden />;
  return <EnterpriseFormView enterprise={enterprise.data} />;
}

function EnterpriseFormView({ enterprise }: { enterprise?: TEnterprise }) {
  const { t } = useTranslation();
  const { options, pickName, tierName } = useLabels();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<EnterpriseForm>();
  const districts = useDistricts();
  const tiers = useTiers();
  const save = useSaveEnterprise(enterprise?.id);
  const server = useServerErrors(FIELDS);
  const stale = server.error instanceof ApiError && server.error.status === 409;
  const checkFailed = hasErrorCode(server.error, 'credit_code_check_failed');

  // Live check of the credit code as the user leaves the field.
  const [codeToCheck, setCodeToCheck] = useState<string | null>(enterprise?.creditCode ?? null);
  const live = useCreditCodeCheck(codeToCheck);
  const liveInvalid = live.data ? !live.data.valid : false;
  const showConfirm = checkFailed || liveInvalid || !!enterprise?.creditCodeConfirmed;

  const initial = useMemo<Partial<EnterpriseForm>>(
    () =>
      enterprise
        ? (Object.fromEntries(
            FIELDS.map((k) => [k, enterprise[k as keyof TEnterprise] ?? undefined]),
          ) as Partial<EnterpriseForm>)
        : {
            aliases: [],
            products: [],
            honours: [],
            isChainLeader: false,
            sourceId: 'user',
            synthetic: false,
            creditCodeConfirmed: false,
          },
    [enterprise],
  );

  const onFinish = async (values: EnterpriseForm) => {
    server.clear();
    try {
      const body = clean(values);
      const saved = await save.mutateAsync(enterprise ? { ...body, version: enterprise.version } : body);
      void message.success(enterprise ? t('form.saved') : t('form.created'));
      navigate(`/enterprises/${saved.id}`);
    } catch (e) {
      server.setError(e);
    }
  };

  const title = enterprise
    ? `${t('enterprise.editEnterprise')} · ${pickName(enterprise.name, enterprise.nameEn)}`
    : t('enterprise.newEnterprise');
  return (
    <>
      <PageHeader
        crumbs={[
          { title: t('nav.enterprises'), to: '/enterprises' },
          ...(enterprise
            ? [{ title: pickName(enterprise.name, enterprise.nameEn), to: `/enterprises/${enterprise.id}` }]
            : []),
          { title: enterprise ? t('common.edit') : t('common.create') },
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
        <Form<EnterpriseForm>
          form={form}
          name="enterprise"
          layout="vertical"
          initialValues={initial}
          onFinish={onFinish}
          scrollToFirstError
          data-testid="enterprise-form"
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="name"
                {...server.itemProps(['name'])}
                label={t('enterprise.name')}
                rules={[{ required: true, message: t('form.required', { field: t('enterprise.name') }) }]}
                className="field-name"
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="nameEn"
                {...server.itemProps(['nameEn'])}
                label={t('common.nameEn')}
                className="field-nameEn"
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="creditCode"
                {...server.itemProps(['creditCode'])}
                label={t('enterprise.creditCode')}
                className="field-creditCode"
                normalize={(v: string) => v.toUpperCase()}
                extra={
                  live.data?.valid ? (
                    <Typography.Text type="success">{t('form.creditCodeCheckOk')}</Typography.Text>
                  ) : liveInvalid && !checkFailed && live.data?.expectedCheck ? (
                    <Typography.Text type="warning">
                      {t('enterprise.creditExpected', { check: live.data.expectedCheck })}
                    </Typography.Text>
                  ) : undefined
                }
              >
                <Input
                  maxLength={18}
                  style={{ fontFamily: 'monospace' }}
                  onBlur={(e) => setCodeToCheck(e.target.value.trim().toUpperCase() || null)}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="industryClassCode"
                {...server.itemProps(['industryClassCode'])}
                label={t('enterprise.industryClass')}
                className="field-industryClassCode"
              >
                <IndustryClassPicker classOnly />
              </Form.Item>
            </Col>
            {showConfirm && (
              <Col xs={24}>
                {(checkFailed || liveInvalid) && (
                  <Alert
                    type="warning"
                    showIcon
                    style={{ marginBottom: 8 }}
                    title={t('form.creditCodeWarning')}
                    description={t('form.creditCodeWarningDetail')}
                    data-testid="credit-code-warning"
                  />
                )}
                <Form.Item
                  name="creditCodeConfirmed"
                  {...server.itemProps(['creditCodeConfirmed'])}
                  valuePropName="checked"
                  className="field-creditCodeConfirmed"
                >
                  <Checkbox data-testid="credit-code-confirm">{t('form.creditCodeConfirmed')}</Checkbox>
                </Form.Item>
              </Col>
            )}
            <Col xs={12} md={6}>
              <Form.Item
                name="foundedOn"
                {...server.itemProps(['foundedOn'])}
                label={t('enterprise.foundedOn')}
                className="field-foundedOn"
              >
                <Input placeholder={t('form.datePlaceholder')} maxLength={10} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="scale"
                {...server.itemProps(['scale'])}
                label={t('enterprise.scale')}
                className="field-scale"
              >
                <Select allowClear options={options('scale')} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="lifecycleStage"
                {...server.itemProps(['lifecycleStage'])}
                label={t('enterprise.lifecycle')}
                className="field-lifecycleStage"
              >
                <Select allowClear options={options('lifecycle')} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="regionCode"
                {...server.itemProps(['regionCode'])}
                label={t('enterprise.region')}
                className="field-regionCode"
              >
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={districts.isPending}
                  options={(districts.data?.items ?? []).map((r) => ({ value: r.code, label: r.name }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item
                name="chainCode"
                {...server.itemProps(['chainCode'])}
                label={t('enterprise.chain')}
                className="field-chainCode"
              >
                <Select allowClear options={options('chain')} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item
                name="chainStage"
                {...server.itemProps(['chainStage'])}
                label={t('enterprise.chainStage')}
                className="field-chainStage"
              >
                <Select allowClear options={options('chainStage')} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item
                name="isChainLeader"
                {...server.itemProps(['isChainLeader'])}
                label={t('enterprise.chainLeader')}
                valuePropName="checked"
                className="field-isChainLeader"
              >
                <Switch />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="products"
                {...server.itemProps(['products'])}
                label={t('enterprise.products')}
                extra={t('form.tagsHelp')}
                className="field-products"
              >
                <Select mode="tags" open={false} suffixIcon={null} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="aliases"
                {...server.itemProps(['aliases'])}
                label={t('enterprise.aliases')}
                extra={t('form.tagsHelp')}
                className="field-aliases"
              >
                <Select mode="tags" open={false} suffixIcon={null} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Typography.Text strong>{t('form.honours')}</Typography.Text>
              <Form.List name="honours">
                {(fields, { add, remove }) => (
                  <div style={{ marginTop: 8 }} className="field-honours">
                    {fields.map((f) => (
                      <Space key={f.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                        <Form.Item
                          name={[f.name, 'tierCode']}
                          {...server.itemProps(['honours', f.name, 'tierCode'])}
                          rules={[{ required: true, message: t('form.required', { field: t('enterprise.tier') }) }]}
                        >
                          <Select
                            style={{ width: 260 }}
                            placeholder={t('enterprise.tier')}
                            options={(tiers.data?.items ?? []).map((x) => ({
                              value: x.code,
                              label: tierName(x, x.code),
                            }))}
                          />
                        </Form.Item>
                        <Form.Item name={[f.name, 'year']} {...server.itemProps(['honours', f.name, 'year'])}>
                          <InputNumber
                            {...numberBounds(ZHonour.shape.year)}
                            placeholder={t('enterprise.honourYear')}
                            style={{ width: 110 }}
                          />
                        </Form.Item>
                        <Form.Item
                          name={[f.name, 'level']}
                          initialValue="national"
                          {...server.itemProps(['honours', f.name, 'level'])}
                        >
                          <Select style={{ width: 120 }} options={options('honourLevel')} />
                        </Form.Item>
                        <Form.Item
                          name={[f.name, 'validUntil']}
                          {...server.itemProps(['honours', f.name, 'validUntil'])}
                        >
                          <Input
                            placeholder={`${t('enterprise.validUntil')} ${t('form.datePlaceholder')}`}
                            style={{ width: 210 }}
                          />
                        </Form.Item>
                        <Button
                          type="text"
                          icon={<MinusCircleOutlined />}
                          onClick={() => remove(f.name)}
                          aria-label={t('form.remove')}
                        />
                      </Space>
                    ))}
                    <Button
                      type="dashed"
                      icon={<PlusOutlined />}
                      onClick={() => add({ level: 'national' })}
                      style={{ marginBottom: 16 }}
                    >
                      {t('form.addHonour')}
                    </Button>
                  </div>
                )}
              </Form.List>
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
            <Button onClick={() => navigate(enterprise ? `/enterprises/${enterprise.id}` : '/enterprises')}>
              {t('common.cancel')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
    </>
  );
}
