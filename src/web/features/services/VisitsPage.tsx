/** 一企一访: the shared visit calendar; planning warns of other agencies' visits in the quiet period and offers to join. */
import { Alert, App, Button, Checkbox, DatePicker, Form, Input, List, Modal, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VISIT_FLAGS } from '../../../contracts/services';
import { problemText } from '../../app/problems';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, Loading } from '../../components/states';
import { SyntheticBadge } from '../../components/tags';
import { type TVisit, useEnterpriseOptions, usePlanVisit, useVisitAction, useVisits } from './api';

type Conflict = { quietPeriodDays: number; others: TVisit[] };

export default function VisitsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const q = useVisits({});
  const act = useVisitAction();
  const [planning, setPlanning] = useState(false);
  const [recording, setRecording] = useState<TVisit | null>(null);
  const fail = (e: unknown) => void message.error(problemText(e, i18n.language, t('common.networkError')));
  const status = (s: string) =>
    t(s === 'held' ? 'services.visitHeld' : s === 'planned' ? 'services.visitPlanned' : 'services.visitCancelled');
  return (
    <div data-testid="services-visits">
      <PageHeader
        title={t('services.visits_title')}
        subtitle={t('services.visits_subtitle')}
        extra={
          <Button type="primary" onClick={() => setPlanning(true)} data-testid="plan-visit">
            {t('services.planVisit')}
          </Button>
        }
      />
      {q.isLoading && <Loading />}
      {q.error && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && (
        <Table<TVisit>
          rowKey="id"
          size="small"
          dataSource={q.data.items}
          scroll={{ x: 1100 }}
          data-testid="visits-table"
          columns={[
            {
              title: t('services.enterprise'),
              dataIndex: 'enterpriseName',
              width: 220,
              render: (v: string, r) => (
                <Space size={4}>
                  {v}
                  <SyntheticBadge synthetic={r.synthetic} />
                </Space>
              ),
            },
            {
              title: t('services.visitBy'),
              width: 240,
              render: (_: unknown, r) => [r.organisationName, ...r.joinedOrganisations.map((o) => o.name)].join('、'),
            },
            { title: t('services.plannedOn'), dataIndex: 'plannedOn', width: 110 },
            { title: t('services.heldOn'), dataIndex: 'heldOn', width: 110 },
            { title: t('services.status'), dataIndex: 'status', width: 90, render: status },
            {
              title: t('services.flags'),
              dataIndex: 'flags',
              render: (f: string[]) =>
                f.map((x) => <Tag key={x}>{t(`services.flag_${x}` as 'services.flag_hiring')}</Tag>),
            },
            {
              title: '',
              width: 180,
              render: (_: unknown, r) =>
                r.status === 'planned' && (
                  <Space>
                    <Button size="small" onClick={() => setRecording(r)}>
                      {t('services.record')}
                    </Button>
                    <Button size="small" onClick={() => act.mutate({ id: r.id, action: 'join' }, { onError: fail })}>
                      {t('services.join')}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      )}
      {planning && <PlanVisit onClose={() => setPlanning(false)} />}
      {recording && <RecordVisit visit={recording} onClose={() => setRecording(null)} />}
    </div>
  );
}

function PlanVisit({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const firms = useEnterpriseOptions(search);
  const plan = usePlanVisit();
  const act = useVisitAction();
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [form] = Form.useForm<{ enterpriseId: number; plannedOn: Dayjs; purpose?: string }>();
  const fail = (e: unknown) => void message.error(problemText(e, i18n.language, t('common.networkError')));
  const submit = (confirm: boolean) => {
    const v = form.getFieldsValue();
    plan.mutate(
      {
        enterpriseId: v.enterpriseId,
        plannedOn: v.plannedOn.format('YYYY-MM-DD'),
        purpose: v.purpose ?? '',
        confirmDespiteRecent: confirm,
      },
      {
        onSuccess: (r) => {
          if (r.visit) onClose();
          else setConflict(r.conflict);
        },
        onError: fail,
      },
    );
  };
  return (
    <Modal open onCancel={onClose} title={t('services.planVisit')} footer={null} width={640}>
      <Form form={form} layout="vertical" onFinish={() => submit(false)} data-testid="plan-form">
        <Form.Item name="enterpriseId" label={t('services.enterprise')} rules={[{ required: true }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setSearch}
            loading={firms.isLoading}
            options={(firms.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
            data-testid="visit-firm"
          />
        </Form.Item>
        <Form.Item name="plannedOn" label={t('services.plannedOn')} rules={[{ required: true }]}>
          <DatePicker data-testid="visit-date" />
        </Form.Item>
        <Form.Item name="purpose" label={t('services.purpose')} rules={[{ max: 500 }]}>
          <Input />
        </Form.Item>
        {conflict && (
          <Alert
            type="warning"
            style={{ marginBottom: 12 }}
            data-testid="visit-conflict"
            message={t('services.conflictTitle', { days: conflict.quietPeriodDays })}
            description={
              <List
                size="small"
                dataSource={conflict.others}
                renderItem={(o) => (
                  <List.Item
                    actions={
                      o.status === 'planned'
                        ? [
                            <Button
                              key="join"
                              size="small"
                              onClick={() =>
                                act.mutate({ id: o.id, action: 'join' }, { onSuccess: onClose, onError: fail })
                              }
                            >
                              {t('services.join')}
                            </Button>,
                          ]
                        : []
                    }
                  >
                    {o.organisationName} · {o.heldOn ?? o.plannedOn} · {o.purpose}
                  </List.Item>
                )}
              />
            }
          />
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={plan.isPending} data-testid="submit-visit">
            {t('services.planVisit')}
          </Button>
          {conflict && <Button onClick={() => submit(true)}>{t('services.confirmAnyway')}</Button>}
          <Button onClick={onClose}>{t('services.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}

function RecordVisit({ visit, onClose }: { visit: TVisit; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const act = useVisitAction();
  const [form] = Form.useForm<{ heldOn: Dayjs; notes?: string; flags?: string[] }>();
  const submit = (v: { heldOn: Dayjs; notes?: string; flags?: string[] }) =>
    act.mutate(
      {
        id: visit.id,
        action: 'record',
        body: { heldOn: v.heldOn.format('YYYY-MM-DD'), notes: v.notes ?? '', flags: v.flags ?? [] },
      },
      {
        onSuccess: onClose,
        onError: (e) => void message.error(problemText(e, i18n.language, t('common.networkError'))),
      },
    );
  return (
    <Modal open onCancel={onClose} title={`${t('services.record')} · ${visit.enterpriseName}`} footer={null}>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="heldOn" label={t('services.heldOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="notes" label={t('services.notes')} rules={[{ max: 5000 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="flags" label={t('services.flags')} extra={t('services.flagsRouted')}>
          <Checkbox.Group options={VISIT_FLAGS.map((f) => ({ value: f, label: t(`services.flag_${f}`) }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={act.isPending}>
          {t('services.record')}
        </Button>
      </Form>
    </Modal>
  );
}
