/** Create an investment event (delegation, visit, conference, promotion); server problems under their fields. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { EVENT_KINDS } from '../../../contracts/enums';
import { numberBounds } from '../../../contracts/limits';
import { ZEventInput } from '../../../contracts/registry';
import { usePermissions } from '../../app/permissions';
import { api } from '../../client/client';
import { ServerErrorList } from '../../components/formErrors';
import { useServerErrors } from '../../components/useServerErrors';
import { useInvestMutation } from './api';

const FIELDS = ['name', 'kind', 'city', 'startedOn', 'endedOn', 'participants', 'description'] as const;

interface Values {
  name?: string;
  kind?: string;
  city?: string;
  startedOn?: Dayjs | null;
  endedOn?: Dayjs | null;
  participants?: number | null;
  description?: string;
}

export function NewEventButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const perms = usePermissions();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const server = useServerErrors(FIELDS);
  const save = useInvestMutation((body: Record<string, unknown>) => api.post<{ id: number }>('/events', body));
  if (!perms.mayCreate('events')) return null;

  const submit = async (v: Values) => {
    server.clear();
    try {
      const created = await save.mutateAsync({
        name: v.name?.trim() ?? '',
        kind: v.kind,
        city: v.city?.trim() || null,
        startedOn: v.startedOn ? v.startedOn.format('YYYY-MM-DD') : null,
        endedOn: v.endedOn ? v.endedOn.format('YYYY-MM-DD') : null,
        participants: v.participants ?? null,
        description: v.description?.trim() || null,
      });
      message.success(t('invest.eventCreated'));
      setOpen(false);
      form.resetFields();
      navigate(`/events/${created.id}`);
    } catch (e) {
      server.setError(e);
    }
  };

  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="new-event">
        {t('invest.newEvent')}
      </Button>
      <Modal
        open={open}
        title={t('invest.newEvent')}
        okText={t('invest.createEvent')}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'new-event-submit' } as Record<string, string>}
      >
        <ServerErrorList items={server.unmatched} />
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ kind: 'matchmaking_conference' }}
          onValuesChange={server.onValuesChange}
          onFinish={(v) => void submit(v)}
          data-testid="new-event-form"
        >
          <Form.Item
            name="name"
            label={t('invest.eventName')}
            rules={[{ required: true, whitespace: true, message: t('invest.eventNameRequired') }]}
            {...server.itemProps(['name'])}
          >
            <Input maxLength={200} data-testid="event-name" />
          </Form.Item>
          <Form.Item name="kind" label={t('invest.eventKind')} {...server.itemProps(['kind'])}>
            <Select options={EVENT_KINDS.map((x) => ({ value: x, label: t(`invest.ek_${x}`) }))} />
          </Form.Item>
          <Form.Item name="city" label={t('invest.city')} {...server.itemProps(['city'])}>
            <Input maxLength={64} data-testid="event-city" />
          </Form.Item>
          <Form.Item name="startedOn" label={t('invest.eventStart')} {...server.itemProps(['startedOn'])}>
            <DatePicker style={{ width: '100%' }} data-testid="event-start" />
          </Form.Item>
          <Form.Item name="endedOn" label={t('invest.eventEnd')} {...server.itemProps(['endedOn'])}>
            <DatePicker style={{ width: '100%' }} data-testid="event-end" />
          </Form.Item>
          <Form.Item name="participants" label={t('invest.participantCount')} {...server.itemProps(['participants'])}>
            <InputNumber {...numberBounds(ZEventInput.shape.participants)} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="description" label={t('invest.eventDescription')} {...server.itemProps(['description'])}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
