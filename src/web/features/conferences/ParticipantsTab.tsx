/** Participants tab: search and role filter (in the URL), add, remove; availability as slots. */
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ZParticipantInput } from '../../../contracts/conferences';
import { numberBounds } from '../../../contracts/limits';
import { fmtDateTime } from '../../app/format';
import { useUrlState } from '../../app/useUrlState';
import { ServerErrorList } from '../../components/formErrors';
import { QueryTable } from '../../components/QueryTable';
import { SyntheticBadge } from '../../components/tags';
import { useServerErrors } from '../../components/useServerErrors';
import {
  type TConference,
  type TParticipant,
  useAddParticipant,
  useChangeParticipant,
  useParticipants,
  useRemoveParticipant,
} from './api';
import { SheetImport } from './SheetImport';
import { PARTICIPANT_ROLES, RoleTag, slotLabel, useErrorText } from './shared';

/** Slot ids → the fewest time windows covering them (consecutive slots merge), as the API stores availability. */
export function windowsOf(conf: Pick<TConference, 'slots'>, ids: readonly string[]) {
  const out: { session: string; start: string; end: string }[] = [];
  for (const s of conf.slots) {
    if (!ids.includes(s.id)) continue;
    const last = out[out.length - 1];
    if (last && last.session === s.session && last.end === s.start) last.end = s.end;
    else out.push({ session: s.session, start: s.start, end: s.end });
  }
  return out;
}

export function availabilityText(conf: TConference, p: TParticipant, all: string): string {
  if (!p.availability) return all;
  return p.availability
    .map((w) => `${conf.sessions.find((s) => s.key === w.session)?.name ?? w.session} ${w.start}–${w.end}`)
    .join('，');
}

export function ParticipantsTab({ conf }: { conf: TConference }) {
  const { t, i18n } = useTranslation();
  const { get, set } = useUrlState();
  const q = get('q');
  const role = get('role');
  const list = useParticipants(conf.eventId, { q, role });
  const remove = useRemoveParticipant(conf.eventId);
  const { message } = App.useApp();
  const errorText = useErrorText();
  // undefined: closed; null: a new participant; else the one being edited.
  const [editing, setEditing] = useState<TParticipant | null | undefined>(undefined);

  const columns = [
    {
      title: t('conference.organisation'),
      dataIndex: 'organisation',
      render: (v: string, p: TParticipant) => (
        <Space size={4} wrap>
          {v}
          <SyntheticBadge synthetic={p.synthetic} />
        </Space>
      ),
    },
    {
      title: t('conference.person'),
      dataIndex: 'person',
      render: (v: string, p: TParticipant) => `${v}${p.title ? ` · ${p.title}` : ''}`,
    },
    { title: t('conference.role'), dataIndex: 'role', render: (v: string) => <RoleTag role={v} /> },
    {
      title: t('conference.availability'),
      key: 'availability',
      render: (_: unknown, p: TParticipant) => availabilityText(conf, p, t('conference.availabilityAll')),
    },
    { title: t('conference.meetings'), dataIndex: 'meetings', width: 90 },
    {
      title: t('conference.checkedIn'),
      dataIndex: 'checkedInAt',
      render: (v: string | null) => (v ? <Tag color="green">{fmtDateTime(v, i18n.language)}</Tag> : t('common.none')),
    },
    ...(conf.mayManage
      ? [
          {
            title: '',
            key: 'actions',
            width: 90,
            render: (_: unknown, p: TParticipant) => (
              <Space size={4}>
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setEditing(p)}
                  aria-label={t('common.edit')}
                  data-testid={`edit-participant-${p.id}`}
                />
                <Popconfirm
                  title={t('conference.deleteConfirm')}
                  onConfirm={() => remove.mutateAsync(p.id).catch((e: unknown) => void message.error(errorText(e)))}
                >
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('conference.remove')} />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          defaultValue={q}
          placeholder={t('conference.searchParticipants')}
          onSearch={(v) => set({ q: v })}
          style={{ width: 260 }}
          data-testid="participant-search"
        />
        <Select
          allowClear
          value={role}
          placeholder={t('conference.role')}
          style={{ width: 140 }}
          onChange={(v) => set({ role: v })}
          options={PARTICIPANT_ROLES.map((r) => ({ value: r, label: t(`conference.role_${r}`) }))}
        />
        {conf.mayManage && (
          <>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing(null)}
              data-testid="add-participant"
            >
              {t('conference.addParticipant')}
            </Button>
            <SheetImport conf={conf} what="participants" />
          </>
        )}
      </Space>
      <QueryTable
        rowKey="id"
        query={list}
        columns={columns}
        filtered={Boolean(q || role)}
        testId="participants-table"
      />
      {editing !== undefined && (
        <ParticipantModal conf={conf} participant={editing} onClose={() => setEditing(undefined)} />
      )}
    </div>
  );
}

const FIELDS = [
  'organisation',
  'person',
  'title',
  'contact',
  'role',
  'availability',
  'tableNo',
  'maxMeetings',
  'maxPerSession',
];

/** Slot ids inside a participant's windows (the form edits availability slot by slot). */
function slotsIn(conf: TConference, p: TParticipant): string[] {
  if (!p.availability) return [];
  return conf.slots
    .filter((s) => p.availability?.some((w) => w.session === s.session && w.start <= s.start && s.end <= w.end))
    .map((s) => s.id);
}

function ParticipantModal({
  conf,
  participant,
  onClose,
}: {
  conf: TConference;
  participant: TParticipant | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const server = useServerErrors(FIELDS);
  const add = useAddParticipant(conf.eventId);
  const change = useChangeParticipant(conf.eventId);
  const submit = async () => {
    const v = (await form.validateFields()) as Record<string, unknown> & { slots?: string[] };
    const { slots, ...rest } = v;
    const body = {
      ...(rest as { organisation: string; person: string; role: 'buyer' }),
      availability: slots?.length ? windowsOf(conf, slots) : null,
    };
    try {
      if (participant) await change.mutateAsync({ ...body, pid: participant.id, version: participant.version });
      else await add.mutateAsync(body);
      onClose();
    } catch (e) {
      server.setError(e);
    }
  };
  return (
    <Modal
      open
      title={participant ? `${t('common.edit')} · ${participant.organisation}` : t('conference.addParticipant')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={add.isPending || change.isPending}
      okButtonProps={{ 'data-testid': 'participant-submit' } as never}
      destroyOnHidden
    >
      <ServerErrorList items={server.unmatched} />
      <Form
        form={form}
        layout="vertical"
        onValuesChange={server.onValuesChange}
        data-testid="participant-form"
        initialValues={participant ? { ...participant, slots: slotsIn(conf, participant) } : undefined}
      >
        <Form.Item name="organisation" label={t('conference.organisation')} {...server.itemProps(['organisation'])}>
          <Input data-testid="participant-organisation" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="person" label={t('conference.person')} {...server.itemProps(['person'])}>
            <Input data-testid="participant-person" />
          </Form.Item>
          <Form.Item name="title" label={t('conference.personTitle')}>
            <Input />
          </Form.Item>
        </Space>
        <Form.Item name="contact" label={t('conference.contact')}>
          <Input />
        </Form.Item>
        <Form.Item name="role" label={t('conference.role')} {...server.itemProps(['role'])}>
          <Select
            data-testid="participant-role"
            options={PARTICIPANT_ROLES.map((r) => ({ value: r, label: t(`conference.role_${r}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="slots"
          label={t('conference.availability')}
          extra={t('conference.availabilityHelp')}
          {...server.itemProps(['availability'])}
        >
          <Select
            mode="multiple"
            allowClear
            options={conf.slots.map((s) => ({ value: s.id, label: slotLabel(conf, s.id) }))}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="tableNo" label={t('conference.tableNo')} {...server.itemProps(['tableNo'])}>
            <InputNumber {...numberBounds(ZParticipantInput.shape.tableNo)} />
          </Form.Item>
          <Form.Item name="maxMeetings" label={t('conference.maxMeetings')} {...server.itemProps(['maxMeetings'])}>
            <InputNumber {...numberBounds(ZParticipantInput.shape.maxMeetings)} placeholder={t('conference.noLimit')} />
          </Form.Item>
          <Form.Item
            name="maxPerSession"
            label={t('conference.maxPerSession')}
            {...server.itemProps(['maxPerSession'])}
          >
            <InputNumber
              {...numberBounds(ZParticipantInput.shape.maxPerSession)}
              placeholder={t('conference.noLimit')}
            />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
