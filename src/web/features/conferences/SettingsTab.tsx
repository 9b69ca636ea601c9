/** Settings tab: sessions with breaks, slot length, tables, caps, request expiry. Server errors land under their fields. */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ZConferenceSettingsInput } from '../../../contracts/conferences';
import { numberBounds } from '../../../contracts/limits';
import { ServerErrorList } from '../../components/formErrors';
import { useServerErrors } from '../../components/useServerErrors';
import { type TConference, useOrganiserCandidates, useSaveSettings } from './api';

const FIELDS = [
  'sessions',
  'venue',
  'tableAreas',
  'slotMinutes',
  'tableMode',
  'tableCount',
  'tableCapacity',
  'maxMeetingsPerParticipant',
  'maxMeetingsPerSession',
  'requestExpiryHours',
  'organiserUserIds',
] as const;

type FormValues = Pick<TConference, 'sessions' | (typeof FIELDS)[number]>;

export function SettingsTab({ conf }: { conf: TConference }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const server = useServerErrors(FIELDS);
  const save = useSaveSettings(conf.eventId);
  const disabled = !conf.mayManage;
  const candidates = useOrganiserCandidates(conf.eventId, conf.mayManage);

  const onFinish = async (v: FormValues) => {
    server.clear();
    try {
      const out = await save.mutateAsync({
        ...v,
        sessions: v.sessions.map((s) => ({ ...s, breaks: s.breaks ?? [] })),
        maxMeetingsPerParticipant: v.maxMeetingsPerParticipant ?? null,
        maxMeetingsPerSession: v.maxMeetingsPerSession ?? null,
        organiserUserIds: v.organiserUserIds ?? [],
        venue: v.venue?.trim() ? v.venue.trim() : null,
        tableAreas: v.tableAreas ?? [],
        ...(conf.configured ? { version: conf.version } : {}),
      });
      void message.success(t('conference.saved'));
      for (const w of out.warnings)
        void message.warning(t('conference.warnings') + t('common.colon') + (i18n.language === 'en-US' ? w.en : w.zh));
    } catch (e) {
      server.setError(e);
    }
  };

  const clock = (name: (string | number)[], label: string, path: (string | number)[]) => (
    <Form.Item name={name} label={label} {...server.itemProps(path)} rules={[{ required: true }]}>
      <Input placeholder="09:00" style={{ width: 90 }} disabled={disabled} />
    </Form.Item>
  );

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={conf}
      onFinish={(v) => void onFinish(v)}
      onValuesChange={server.onValuesChange}
      data-testid="settings-form"
      disabled={disabled}
    >
      <ServerErrorList items={server.unmatched} />
      <Form.Item
        name="venue"
        label={t('conference.venue')}
        extra={t('conference.venueHelp')}
        {...server.itemProps(['venue'])}
      >
        <Input maxLength={200} data-testid="venue" placeholder={t('conference.venuePlaceholder')} />
      </Form.Item>
      <Typography.Title level={5}>{t('conference.sessions')}</Typography.Title>
      <Form.List name="sessions">
        {(sessions, { add, remove }) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            {sessions.map((s) => (
              <Card size="small" key={s.key} data-testid={`session-${s.name}`}>
                <Space wrap align="start">
                  <Form.Item
                    name={[s.name, 'key']}
                    label={t('conference.sessionKey')}
                    {...server.itemProps(['sessions', s.name, 'key'])}
                  >
                    <Input style={{ width: 90 }} />
                  </Form.Item>
                  <Form.Item name={[s.name, 'name']} label={t('conference.sessionName')}>
                    <Input style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item
                    name={[s.name, 'date']}
                    label={t('conference.date')}
                    {...server.itemProps(['sessions', s.name, 'date'])}
                  >
                    <Input placeholder="2024-06-06" style={{ width: 120 }} />
                  </Form.Item>
                  {clock([s.name, 'start'], t('conference.start'), ['sessions', s.name, 'start'])}
                  {clock([s.name, 'end'], t('conference.end'), ['sessions', s.name, 'end'])}
                  <Form.List name={[s.name, 'breaks']}>
                    {(breaks, b) => (
                      <Form.Item label={t('conference.breaks')}>
                        <Space direction="vertical">
                          {breaks.map((br) => (
                            <Space key={br.key} align="start">
                              {clock([br.name, 'start'], '', ['sessions', s.name, 'breaks', br.name, 'start'])}
                              {clock([br.name, 'end'], '', ['sessions', s.name, 'breaks', br.name, 'end'])}
                              <MinusCircleOutlined
                                onClick={() => b.remove(br.name)}
                                aria-label={t('conference.remove')}
                              />
                            </Space>
                          ))}
                          <Button
                            size="small"
                            icon={<PlusOutlined />}
                            onClick={() => b.add({ start: '10:20', end: '10:40' })}
                          >
                            {t('conference.addBreak')}
                          </Button>
                        </Space>
                      </Form.Item>
                    )}
                  </Form.List>
                  {sessions.length > 1 && (
                    <Button danger size="small" onClick={() => remove(s.name)} style={{ marginTop: 30 }}>
                      {t('conference.remove')}
                    </Button>
                  )}
                </Space>
              </Card>
            ))}
            <Button
              icon={<PlusOutlined />}
              onClick={() =>
                add({
                  key: `s${sessions.length + 1}`,
                  date: conf.sessions[0]?.date,
                  start: '14:00',
                  end: '17:00',
                  breaks: [],
                })
              }
            >
              {t('conference.addSession')}
            </Button>
          </Space>
        )}
      </Form.List>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} md={8}>
          <Form.Item
            name="slotMinutes"
            label={t('conference.slotMinutes')}
            extra={t('conference.slotMinutesHelp')}
            className="field-slotMinutes"
            {...server.itemProps(['slotMinutes'])}
          >
            <InputNumber
              {...numberBounds(ZConferenceSettingsInput.shape.slotMinutes)}
              style={{ width: '100%' }}
              data-testid="slot-minutes"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="tableMode" label={t('conference.tableMode')} {...server.itemProps(['tableMode'])}>
            <Select
              options={(['pooled', 'fixed'] as const).map((m) => ({ value: m, label: t(`conference.tableMode_${m}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="tableCount" label={t('conference.tableCount')} {...server.itemProps(['tableCount'])}>
            <InputNumber {...numberBounds(ZConferenceSettingsInput.shape.tableCount)} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item
            name="tableCapacity"
            label={t('conference.tableCapacity')}
            {...server.itemProps(['tableCapacity'])}
          >
            <InputNumber {...numberBounds(ZConferenceSettingsInput.shape.tableCapacity)} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item
            name="maxMeetingsPerParticipant"
            label={t('conference.maxMeetingsPerParticipant')}
            {...server.itemProps(['maxMeetingsPerParticipant'])}
          >
            <InputNumber
              {...numberBounds(ZConferenceSettingsInput.shape.maxMeetingsPerParticipant)}
              placeholder={t('conference.noLimit')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item
            name="maxMeetingsPerSession"
            label={t('conference.maxMeetingsPerSession')}
            {...server.itemProps(['maxMeetingsPerSession'])}
          >
            <InputNumber
              {...numberBounds(ZConferenceSettingsInput.shape.maxMeetingsPerSession)}
              placeholder={t('conference.noLimit')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item
            name="requestExpiryHours"
            label={t('conference.requestExpiryHours')}
            {...server.itemProps(['requestExpiryHours'])}
          >
            <InputNumber
              {...numberBounds(ZConferenceSettingsInput.shape.requestExpiryHours)}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5}>{t('conference.tableAreas')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('conference.tableAreasHelp')}
      </Typography.Paragraph>
      <Form.List name="tableAreas">
        {(fields, { add, remove }) => (
          <div data-testid="table-areas">
            {fields.map((f) => (
              <Space key={f.key} align="start" wrap>
                <Form.Item
                  name={[f.name, 'from']}
                  label={t('conference.areaFrom')}
                  rules={[{ required: true }]}
                  {...server.itemProps(['tableAreas', f.name, 'from'])}
                >
                  <InputNumber min={1} max={2000} style={{ width: 90 }} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'to']}
                  label={t('conference.areaTo')}
                  rules={[{ required: true }]}
                  {...server.itemProps(['tableAreas', f.name, 'to'])}
                >
                  <InputNumber min={1} max={2000} style={{ width: 90 }} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'location']}
                  label={t('conference.areaLocation')}
                  rules={[{ required: true, whitespace: true }]}
                  {...server.itemProps(['tableAreas', f.name, 'location'])}
                >
                  <Input maxLength={100} style={{ width: 260 }} placeholder={t('conference.areaPlaceholder')} />
                </Form.Item>
                {!disabled && (
                  <Form.Item label=" ">
                    <MinusCircleOutlined aria-label={t('conference.remove')} onClick={() => remove(f.name)} />
                  </Form.Item>
                )}
              </Space>
            ))}
            {!disabled && (
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                data-testid="add-table-area"
                onClick={() => {
                  const areas = (form.getFieldValue('tableAreas') ?? []) as { to?: number }[];
                  const from = Math.max(0, ...areas.map((x) => x.to ?? 0)) + 1;
                  add({ from, to: Math.max(from, form.getFieldValue('tableCount') ?? from), location: '' });
                }}
                style={{ marginBottom: 16 }}
              >
                {t('conference.addTableArea')}
              </Button>
            )}
          </div>
        )}
      </Form.List>
      <Form.Item
        name="organiserUserIds"
        label={t('conference.organisers')}
        extra={t('conference.organisersHint')}
        {...server.itemProps(['organiserUserIds'])}
      >
        <Select
          mode="multiple"
          allowClear
          optionFilterProp="label"
          loading={candidates.isLoading}
          data-testid="organisers"
          options={(candidates.data?.items ?? []).map((u) => ({
            value: u.id,
            label: `${u.displayName}（${u.organisation ?? u.username}）`,
          }))}
        />
      </Form.Item>
      <Alert
        type="info"
        style={{ marginBottom: 12 }}
        title={t('conference.slotsPreview', { count: conf.slots.length })}
      />
      {conf.mayManage && (
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-settings">
          {t('common.save')}
        </Button>
      )}
    </Form>
  );
}
