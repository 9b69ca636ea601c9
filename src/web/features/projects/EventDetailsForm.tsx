/** Edits an event's organisers, participating organisations, people and itinerary (versioned). */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Drawer, Form, Input, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ITINERARY_KINDS } from '../../../contracts/invest';
import { ApiError, api } from '../../client/client';
import { useAllParks } from '../../client/queries';
import { ServerErrorList } from '../../components/formErrors';
import { useServerErrors } from '../../components/useServerErrors';
import { type EventDetail, useInvestMutation } from './api';

type V = {
  organisers: { name: string }[];
  participantOrgs: { name: string; kind?: string | null }[];
  people: { name: string; title?: string | null; organisation?: string | null }[];
  itinerary: {
    onDate?: dayjs.Dayjs | null;
    kind: string;
    place: string;
    parkId?: number | null;
    note?: string | null;
  }[];
};

function Rows({
  name,
  fields,
  add,
}: {
  name: string;
  fields: { key: string; placeholder: string; width: number }[];
  add: string;
}) {
  return (
    <Form.List name={name}>
      {(rows, { add: addRow, remove }) => (
        <>
          {rows.map((r) => (
            <Space key={r.key} align="baseline" wrap>
              {fields.map((f, i) => (
                <Form.Item
                  key={f.key}
                  name={[r.name, f.key]}
                  rules={i === 0 ? [{ required: true, whitespace: true, message: f.placeholder }] : []}
                >
                  <Input placeholder={f.placeholder} style={{ width: f.width }} />
                </Form.Item>
              ))}
              <MinusCircleOutlined onClick={() => remove(r.name)} />
            </Space>
          ))}
          <Button
            type="dashed"
            size="small"
            icon={<PlusOutlined />}
            onClick={() => addRow()}
            style={{ marginBottom: 12 }}
          >
            {add}
          </Button>
        </>
      )}
    </Form.List>
  );
}

export function EventDetailsForm({ d, open, onClose }: { d: EventDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const server = useServerErrors(['organisers', 'participantOrgs', 'people', 'itinerary']);
  const parks = useAllParks();
  const save = useInvestMutation((body: unknown) => api.put(`/invest/events/${d.event.id}/details`, body));
  const e = d.event;
  const initial: V = {
    organisers: e.organisers,
    participantOrgs: e.participantOrgs,
    people: e.people,
    itinerary: d.itinerary.map((i) => ({ ...i, onDate: i.onDate ? dayjs(i.onDate) : null })),
  };
  const submit = async (v: V) => {
    server.clear();
    try {
      await save.mutateAsync({
        version: e.version,
        organisers: v.organisers ?? [],
        participantOrgs: v.participantOrgs ?? [],
        people: v.people ?? [],
        itinerary: (v.itinerary ?? []).map((i) => ({
          kind: i.kind,
          place: i.place,
          parkId: i.parkId ?? null,
          note: i.note || null,
          onDate: i.onDate ? i.onDate.format('YYYY-MM-DD') : null,
        })),
      });
      void message.success(t('invest.saved'));
      onClose();
    } catch (err) {
      server.setError(err);
      if (err instanceof ApiError && err.status === 409) void message.warning(t('invest.staleVersion'));
    }
  };
  const label = (s: string) => (
    <Typography.Title level={5} style={{ marginTop: 8 }}>
      {s}
    </Typography.Title>
  );
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size="large"
      title={t('invest.editDetails')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('invest.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="event-details-save"
          >
            {t('invest.save')}
          </Button>
        </Space>
      }
    >
      <ServerErrorList items={server.unmatched} />
      <Form form={form} initialValues={initial} onFinish={(v) => void submit(v)} onValuesChange={server.onValuesChange}>
        {label(t('invest.organisers'))}
        <Rows
          name="organisers"
          add={t('invest.addRow')}
          fields={[{ key: 'name', placeholder: t('invest.contactName'), width: 400 }]}
        />
        {label(t('invest.participants'))}
        <Rows
          name="participantOrgs"
          add={t('invest.addRow')}
          fields={[{ key: 'name', placeholder: t('invest.contactName'), width: 400 }]}
        />
        {label(t('invest.people'))}
        <Rows
          name="people"
          add={t('invest.addRow')}
          fields={[
            { key: 'name', placeholder: t('invest.contactName'), width: 140 },
            { key: 'title', placeholder: t('invest.contactTitle'), width: 120 },
            { key: 'organisation', placeholder: t('invest.enterprise'), width: 220 },
          ]}
        />
        {label(t('invest.itinerary'))}
        <Form.List name="itinerary">
          {(rows, { add, remove }) => (
            <>
              {rows.map((r) => (
                <Space key={r.key} align="baseline" wrap>
                  <Form.Item name={[r.name, 'onDate']}>
                    <DatePicker style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[r.name, 'kind']} initialValue="park">
                    <Select
                      style={{ width: 100 }}
                      options={ITINERARY_KINDS.map((x) => ({ value: x, label: t(`invest.itineraryKind_${x}`) }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[r.name, 'place']}
                    rules={[{ required: true, whitespace: true, message: t('invest.place') }]}
                  >
                    <Input placeholder={t('invest.place')} style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item name={[r.name, 'parkId']}>
                    <Select
                      allowClear
                      showSearch={{ optionFilterProp: 'label' }}
                      placeholder={t('invest.park')}
                      style={{ width: 160 }}
                      options={(parks.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
                    />
                  </Form.Item>
                  <Form.Item name={[r.name, 'note']}>
                    <Input placeholder={t('invest.note')} style={{ width: 110 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(r.name)} />
                </Space>
              ))}
              <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ kind: 'park' })}>
                {t('invest.addRow')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
