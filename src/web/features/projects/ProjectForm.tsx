/** Create / edit form of a project, in a drawer; server problems appear under their fields. */
import {
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGREEMENT_KINDS, PROJECT_FIELDS, SOURCE_KINDS, ZProjectFields } from '../../../contracts/invest';
import { numberBounds } from '../../../contracts/limits';
import { SIGNED_OR_LATER } from '../../../domain/invest/stages';
import { useLabels } from '../../app/labels';
import { ApiError, api } from '../../client/client';
import { useAllParks } from '../../client/queries';
import { EnterprisePicker } from '../../components/EnterprisePicker';
import { ServerErrorList } from '../../components/formErrors';
import { useServerErrors } from '../../components/useServerErrors';
import { type TProject, useEvents, useInvestMutation, usePeople } from './api';
import { k } from './shared';

const FIELDS = PROJECT_FIELDS;
const DATE_FIELDS: ReadonlySet<string> = new Set(['nextFollowUpOn', 'libraryOn', 'statsOn']);

type Values = Record<string, unknown>;

function useChainNodes(code: string | undefined) {
  const [nodes, setNodes] = useState<{ code?: string; items: { value: string; label: string }[] }>({ items: [] });
  if (code && nodes.code !== code) {
    setNodes({ code, items: [] });
    void api
      .get<{ nodes: { id: string; nameZh: string; nameEn: string; group?: boolean }[] }>(`/chains/${code}`)
      .then((tpl) =>
        setNodes({
          code,
          items: tpl.nodes.filter((n) => !n.group).map((n) => ({ value: n.id, label: `${n.nameZh} · ${n.id}` })),
        }),
      )
      .catch(() => setNodes({ code, items: [] }));
  }
  return code ? nodes.items : [];
}

export function ProjectForm({
  project,
  open,
  onClose,
  onSaved,
}: {
  project?: TProject;
  open: boolean;
  onClose: () => void;
  onSaved?: (p: TProject) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { options } = useLabels();
  const [form] = Form.useForm<Values>();
  const server = useServerErrors(FIELDS);
  const parks = useAllParks();
  const people = usePeople();
  const events = useEvents({ limit: 200 });
  const chainCode = Form.useWatch('chainCode', form) as string | undefined;
  const sourceKind = Form.useWatch('sourceKind', form) as string | undefined;
  const nodes = useChainNodes(chainCode);
  const save = useInvestMutation((body: Values) =>
    project
      ? api.patch<TProject>(`/projects/${project.id}`, { ...body, version: project.version })
      : api.post<TProject>('/projects', body),
  );
  const hidden = new Set(project?.redacted ?? []);
  const initial: Values = project
    ? Object.fromEntries(
        FIELDS.map((f) => [
          f,
          DATE_FIELDS.has(f)
            ? (project as unknown as Record<string, string | null>)[f]
              ? dayjs((project as unknown as Record<string, string>)[f])
              : null
            : (project as unknown as Values)[f],
        ]),
      )
    : { sourceKind: 'inbound', shared: false };

  const submit = async (v: Values) => {
    server.clear();
    const body: Values = {};
    for (const f of FIELDS) {
      if (hidden.has(f)) continue;
      const x = v[f];
      body[f] = DATE_FIELDS.has(f)
        ? x
          ? (x as dayjs.Dayjs).format('YYYY-MM-DD')
          : null
        : x === undefined || x === ''
          ? null
          : x;
    }
    if (!body.teamIds) body.teamIds = [];
    body.shared = !!body.shared;
    try {
      const p = await save.mutateAsync(body);
      void message.success(project ? t('invest.saved') : t('invest.created'));
      onSaved?.(p);
      onClose();
    } catch (e) {
      server.setError(e);
      if (e instanceof ApiError && e.status === 409) void message.warning(t('invest.staleVersion'));
    }
  };
  const people_ = (people.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }));
  const item = (name: (typeof FIELDS)[number]) => ({
    name,
    label: t(
      `invest.${name === 'investorEnterpriseId' ? 'investorEnterprise' : name === 'sourceEventId' ? 'sourceEvent' : name === 'referrerEnterpriseId' ? 'referrer' : name === 'ownerId' ? 'owner' : name === 'teamIds' ? 'team' : name === 'parkId' ? 'park' : name}`,
    ),
    ...server.itemProps([name]),
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size="large"
      title={project ? `${t('invest.edit')} ${project.codeName}` : t('invest.newProject')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('invest.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="project-save">
            {project ? t('invest.save') : t('invest.create')}
          </Button>
        </Space>
      }
    >
      <ServerErrorList items={server.unmatched} />
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void submit(v)}
        onValuesChange={server.onValuesChange}
        data-testid="project-form"
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              {...item('codeName')}
              rules={[{ required: true, whitespace: true, message: t('invest.requiredField') }]}
            >
              <Input maxLength={60} data-testid="field-codeName" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item {...item('name')}>
              <Input maxLength={200} disabled={hidden.has('name')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item {...item('investorEnterpriseId')}>
              <EnterprisePicker testId="field-investorEnterpriseId" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item {...item('investorName')}>
              <Input maxLength={200} disabled={hidden.has('investorName')} data-testid="field-investorName" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item {...item('investorRegionCode')} tooltip={t('invest.regionRule')}>
              <Input maxLength={6} placeholder="310000" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item {...item('investorCountry')}>
              <Input maxLength={2} placeholder="DE" />
            </Form.Item>
          </Col>
          {(['investmentWan', 'annualOutputWan', 'jobs', 'areaM2', 'floorLoadKnM2', 'landMu'] as const).map((f) => (
            <Col span={8} key={f}>
              <Form.Item {...item(f)}>
                <InputNumber
                  {...numberBounds(ZProjectFields.shape[f])}
                  style={{ width: '100%' }}
                  data-testid={`field-${f}`}
                />
              </Form.Item>
            </Col>
          ))}
          <Col span={12}>
            <Form.Item {...item('chainCode')}>
              <Select allowClear options={options('chain')} onChange={() => form.setFieldValue('nodeId', null)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item {...item('nodeId')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={nodes} disabled={!chainCode} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item {...item('sourceKind')}>
              <Select
                options={SOURCE_KINDS.map((s) => ({ value: s, label: t(`invest.source_${s}`) }))}
                data-testid="field-sourceKind"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            {sourceKind === 'referral' ? (
              <Form.Item {...item('referrerEnterpriseId')}>
                <EnterprisePicker testId="field-referrerEnterpriseId" />
              </Form.Item>
            ) : (
              <Form.Item {...item('sourceEventId')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(events.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
                />
              </Form.Item>
            )}
          </Col>
          <Col span={24}>
            <Form.Item {...item('sourceNote')}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item {...item('ownerId')}>
              <Select allowClear options={people_} loading={people.isPending} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item {...item('teamIds')}>
              <Select mode="multiple" options={people_} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item {...item('parkId')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={(parks.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item {...item('nextFollowUpOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {project && SIGNED_OR_LATER.includes(project.stage) && (
            <>
              <Col span={24}>
                <Typography.Title level={5}>{t('invest.signingSection')}</Typography.Title>
              </Col>
              <Col span={12}>
                <Form.Item {...item('agreementKind')}>
                  <Select
                    allowClear
                    options={AGREEMENT_KINDS.map((a) => ({ value: a, label: t(k(`invest.agreement_${a}`)) }))}
                    data-testid="field-agreementKind"
                  />
                </Form.Item>
              </Col>
              {(['contractedInvestmentWan', 'fundsInPlaceWan'] as const).map((f) => (
                <Col span={6} key={f}>
                  <Form.Item {...item(f)}>
                    <InputNumber
                      {...numberBounds(ZProjectFields.shape[f])}
                      style={{ width: '100%' }}
                      data-testid={`field-${f}`}
                    />
                  </Form.Item>
                </Col>
              ))}
              {(['libraryOn', 'statsOn'] as const).map((f) => (
                <Col span={12} key={f}>
                  <Form.Item {...item(f)} tooltip={t(k(`invest.${f}Help`))}>
                    <DatePicker style={{ width: '100%' }} data-testid={`field-${f}`} />
                  </Form.Item>
                </Col>
              ))}
            </>
          )}
          <Col span={24}>
            <Form.Item name="shared" valuePropName="checked" {...server.itemProps(['shared'])}>
              <Checkbox>{t('invest.shared')}</Checkbox>
            </Form.Item>
            <Form.Item {...item('description')}>
              <Input.TextArea rows={3} maxLength={2000} disabled={hidden.has('description')} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
