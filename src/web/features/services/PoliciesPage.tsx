/** The policy library and its editor: clauses as conditions with citations, a test run against the registry, 免申即享 export and push. */
import {
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../../app/permissions';
import { problemText } from '../../app/problems';
import { ApiError } from '../../client/client';
import { DownloadButton } from '../../components/DownloadButton';
import { dominantLang } from '../../components/OriginalText';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, Loading } from '../../components/states';
import { SyntheticBadge } from '../../components/tags';
import {
  type TCondition,
  type TPolicy,
  usePolicies,
  usePolicyFields,
  usePushPolicy,
  useSavePolicy,
  useTestRun,
} from './api';
import { opText, unitText, useConditionText } from './conditionText';

export default function PoliciesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const perms = usePermissions();
  const may = perms.may('services.policies');
  const q = usePolicies();
  const push = usePushPolicy();
  const [editing, setEditing] = useState<TPolicy | 'new' | null>(null);
  const words = useConditionText();
  return (
    <div data-testid="services-policies">
      <PageHeader
        title={t('services.policies_title')}
        subtitle={t('services.policies_subtitle')}
        extra={
          may && (
            <Button type="primary" onClick={() => setEditing('new')} data-testid="new-policy">
              {t('services.newPolicy')}
            </Button>
          )
        }
      />
      {q.isLoading && <Loading />}
      {q.error && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && q.data.items.length === 0 && <Empty />}
      {q.data?.items.map((p) => (
        <Card
          key={p.id}
          size="small"
          style={{ marginBottom: 12 }}
          data-testid={`policy-card-${p.code}`}
          title={
            <Space wrap>
              {i18n.language.startsWith('en') && p.titleEn ? p.titleEn : p.title}
              <SyntheticBadge synthetic={p.synthetic} />
              {p.autoGrant && <Tag color="cyan">{t('services.autoGrant')}</Tag>}
              <Tag>v{p.currentVersion}</Tag>
            </Space>
          }
          extra={
            may && (
              <Space>
                <Button size="small" onClick={() => setEditing(p)}>
                  {t('services.edit')}
                </Button>
                {p.autoGrant && (
                  <>
                    <DownloadButton
                      size="small"
                      path={`/services/policies/${p.id}/beneficiaries.xlsx`}
                      fileName={`policy-${p.code}.xlsx`}
                    >
                      {t('services.exportList')}
                    </DownloadButton>
                    <Button
                      size="small"
                      loading={push.isPending}
                      onClick={() =>
                        push.mutate(p.id, {
                          onSuccess: (r) =>
                            void message.success(
                              r.withoutUsers > 0
                                ? `${t('services.pushed', { count: r.pushed, m: r.alreadyNotified })} ${t('services.pushedWithoutUsers', { k: r.withoutUsers })}`
                                : t('services.pushed', { count: r.pushed, m: r.alreadyNotified }),
                            ),
                          onError: (e) => void message.error(problemText(e, i18n.language, t('common.networkError'))),
                        })
                      }
                    >
                      {t('services.push')}
                    </Button>
                  </>
                )}
              </Space>
            )
          }
        >
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('services.issuer')}: {p.issuer}
            {p.documentNo && ` · ${t('services.documentNo')}: ${p.documentNo}`} · {t('services.validity')}:{' '}
            {p.validFrom ?? '…'} – {p.validUntil ?? '…'}
          </Typography.Paragraph>
          {p.summary && <Typography.Paragraph>{p.summary}</Typography.Paragraph>}
          <Table<TCondition>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={p.conditions}
            columns={[
              {
                title: t('services.clauseId'),
                dataIndex: 'id',
                width: 110,
                // the clause's id as the policy's author wrote it (第二条, rnd-ratio): data, not UI words
                render: (id: string) => (
                  <span lang={dominantLang(id)} data-original-lang={dominantLang(id)}>
                    {id}
                  </span>
                ),
              },
              {
                title: t('services.condition'),
                render: (_, c) => <span data-testid="policy-condition">{words.condition(c)}</span>,
              },
              { title: t('services.citation'), dataIndex: 'citation' },
            ]}
          />
        </Card>
      ))}
      {editing !== null && (
        <PolicyEditor policy={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </div>
  );
}

/** A value typed in the editor as the condition's JSON value: numbers, lists, booleans, text. */
function parseValue(s: string, op: string): unknown {
  const one = (x: string): unknown => {
    const v = x.trim();
    if (v === 'true') return true;
    if (v === 'false') return false;
    return v !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
  };
  if (op === 'in' || op === 'not_in' || op === 'between') return s.split(/[,，]/).map(one);
  return one(s);
}
const showValue = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v ?? ''));

interface Row {
  /** A stable React key (the clause id may be edited). */
  k: number;
  id: string;
  field: string;
  op: string;
  value: string;
  citation: string;
}

function PolicyEditor({ policy, onClose }: { policy: TPolicy | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const fields = usePolicyFields();
  const save = useSavePolicy(policy?.id ?? null);
  const run = useTestRun();
  const [form] = Form.useForm();
  const [rows, setRows] = useState<Row[]>(
    (policy?.conditions ?? [{ id: '1', field: 'region_code', op: 'in', value: '', citation: '' }]).map((c, k) => ({
      k,
      id: c.id,
      field: c.field,
      op: c.op,
      value: showValue(c.value),
      citation: c.citation,
    })),
  );
  const [errors, setErrors] = useState<string[]>([]);
  const en = i18n.language.startsWith('en');
  const conditions = (): TCondition[] =>
    rows.map((r) => ({
      id: r.id,
      field: r.field,
      op: r.op,
      value: parseValue(r.value, r.op) as TCondition['value'],
      citation: r.citation,
    }));
  const onError = (e: unknown) => {
    if (e instanceof ApiError && e.problem.errors?.length)
      setErrors(
        e.problem.errors.map((x) => {
          const m = x.message;
          const text = typeof m === 'string' ? m : m ? m[en ? 'en' : 'zh'] : x.code;
          return `${x.path.join('.')}: ${text}`;
        }),
      );
    else void message.error(problemText(e, i18n.language, t('common.networkError')));
  };
  const set = (i: number, patch: Partial<Row>) => setRows(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const submit = (v: Record<string, unknown>) => {
    setErrors([]);
    save.mutate(
      { ...v, autoGrant: Boolean(v.autoGrant), conditions: conditions() },
      {
        onSuccess: () => {
          void message.success(t('services.saved'));
          onClose();
        },
        onError,
      },
    );
  };
  return (
    <Modal
      open
      onCancel={onClose}
      width={980}
      title={policy ? policy.title : t('services.newPolicy')}
      footer={null}
      data-testid="policy-editor"
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          code: policy?.code ?? '',
          title: policy?.title ?? '',
          issuer: policy?.issuer ?? '',
          documentNo: policy?.documentNo ?? null,
          validFrom: policy?.validFrom ?? null,
          validUntil: policy?.validUntil ?? null,
          autoGrant: policy?.autoGrant ?? false,
          summary: policy?.summary ?? '',
        }}
      >
        <Flex gap={8} wrap>
          <Form.Item name="code" label={t('services.code')} rules={[{ required: true }]} style={{ width: 220 }}>
            <Input data-testid="policy-code" />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('services.title')}
            rules={[{ required: true }]}
            style={{ flex: 1, minWidth: 260 }}
          >
            <Input data-testid="policy-title" />
          </Form.Item>
          <Form.Item name="issuer" label={t('services.issuer')} rules={[{ required: true }]} style={{ width: 240 }}>
            <Input data-testid="policy-issuer" />
          </Form.Item>
        </Flex>
        <Flex gap={8} wrap>
          <Form.Item name="documentNo" label={t('services.documentNo')} style={{ width: 220 }}>
            <Input />
          </Form.Item>
          <Form.Item name="validFrom" label={`${t('services.validity')} ≥`} style={{ width: 150 }}>
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item name="validUntil" label={`${t('services.validity')} ≤`} style={{ width: 150 }}>
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item name="autoGrant" valuePropName="checked" label=" ">
            <Checkbox>{t('services.autoGrant')}</Checkbox>
          </Form.Item>
        </Flex>
        <Form.Item name="summary" label={t('services.summary')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Typography.Text strong>{t('services.conditions')}</Typography.Text>
        <Typography.Text type="secondary"> — {t('services.valueHint')}</Typography.Text>
        {rows.map((r, i) => (
          <Flex key={r.k} gap={6} style={{ marginTop: 6 }} data-testid="condition-row">
            <Input
              style={{ width: 90 }}
              value={r.id}
              onChange={(e) => set(i, { id: e.target.value })}
              placeholder={t('services.clauseId')}
            />
            <Select
              style={{ width: 200 }}
              showSearch
              optionFilterProp="label"
              value={r.field}
              onChange={(v) => set(i, { field: v })}
              options={(fields.data?.fields ?? []).map((f) => ({
                value: f.field,
                label: `${en ? f.en : f.zh}${f.unit ? (en ? ` (${unitText(f.unit, en)})` : `（${unitText(f.unit, en)}）`) : ''}`,
              }))}
              data-testid="condition-field"
            />
            <Select
              style={{ width: 100 }}
              value={r.op}
              onChange={(v) => set(i, { op: v })}
              options={(fields.data?.operators ?? []).map((o) => ({ value: o, label: opText(o, en) }))}
              data-testid="condition-op"
            />
            <Input
              style={{ width: 180 }}
              value={r.value}
              onChange={(e) => set(i, { value: e.target.value })}
              data-testid="condition-value"
            />
            <Input
              style={{ flex: 1 }}
              value={r.citation}
              onChange={(e) => set(i, { citation: e.target.value })}
              placeholder={t('services.citation')}
              data-testid="condition-citation"
            />
            <Button onClick={() => setRows(rows.filter((_, k) => k !== i))} disabled={rows.length === 1}>
              −
            </Button>
          </Flex>
        ))}
        <Button
          style={{ marginTop: 6 }}
          onClick={() =>
            setRows([
              ...rows,
              {
                k: Math.max(0, ...rows.map((x) => x.k)) + 1,
                id: String(rows.length + 1),
                field: 'age_years',
                op: '>=',
                value: '',
                citation: '',
              },
            ])
          }
        >
          {t('services.addCondition')}
        </Button>
        {errors.length > 0 && (
          <div role="alert" data-testid="policy-errors" style={{ marginTop: 8 }}>
            {errors.map((e) => (
              <Typography.Text key={e} type="danger" style={{ display: 'block' }}>
                {e}
              </Typography.Text>
            ))}
          </div>
        )}
        {run.data && (
          <Card size="small" style={{ marginTop: 8 }} data-testid="test-result">
            <Typography.Text>
              {t('services.testResult', { firms: run.data.firms, eligible: run.data.eligible, near: run.data.near })}
            </Typography.Text>
            <div>
              {run.data.byCondition.map((c) => (
                <Tag key={c.id}>
                  {c.id}: {t('services.fails')} {c.fails} · {t('services.unknown')} {c.unknown}
                </Tag>
              ))}
            </div>
          </Card>
        )}
        <Space style={{ marginTop: 12 }}>
          <Button
            onClick={() => {
              setErrors([]);
              run.mutate(conditions(), { onError });
            }}
            loading={run.isPending}
            data-testid="test-run"
          >
            {t('services.testRun')}
          </Button>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-policy">
            {t('services.save')}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
