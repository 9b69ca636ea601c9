/** A meeting's popover: lock / unlock, take off the schedule, or move to a slot and table (checked by the server). */
import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popover, Select, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type TConference,
  type TRequest,
  type TSchedule,
  useLockMeeting,
  usePlaceMeeting,
  useUnplaceMeeting,
} from './api';
import { PriorityTag, slotLabel, useErrorText } from './shared';

export function MeetingActions({
  conf,
  schedule,
  meeting: m,
  children,
}: {
  conf: TConference;
  schedule: TSchedule;
  meeting: TRequest;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const lock = useLockMeeting(conf.eventId);
  const unplace = useUnplaceMeeting(conf.eventId);
  const place = usePlaceMeeting(conf.eventId);
  const [open, setOpen] = useState(false);
  const [slotId, setSlotId] = useState<string | undefined>(m.slotId ?? undefined);
  const [tableId, setTableId] = useState<string | undefined>(m.tableId ?? undefined);
  const [error, setError] = useState<string | null>(null);
  const run = async (p: Promise<unknown>) => {
    setError(null);
    try {
      await p;
      setOpen(false);
    } catch (e) {
      setError(errorText(e));
      void message.error(errorText(e));
    }
  };
  const content = (
    <Space direction="vertical" style={{ width: 320 }} data-testid="meeting-actions">
      <Typography.Text strong>
        {m.fromOrganisation}（{m.fromName}） × {m.toOrganisation}（{m.toName}）
      </Typography.Text>
      <Space size={4}>
        <PriorityTag priority={m.priority} />
        {m.slotId && <Typography.Text type="secondary">{slotLabel(schedule, m.slotId)}</Typography.Text>}
      </Space>
      {conf.mayManage && (
        <>
          {m.slotId && (
            <Space>
              <Button
                size="small"
                icon={m.locked ? <UnlockOutlined /> : <LockOutlined />}
                onClick={() => void run(lock.mutateAsync({ rid: m.id, locked: !m.locked }))}
                data-testid="toggle-lock"
              >
                {m.locked ? t('conference.unlock') : t('conference.lock')}
              </Button>
              {!m.locked && (
                <Button size="small" danger onClick={() => void run(unplace.mutateAsync(m.id))}>
                  {t('conference.unplace')}
                </Button>
              )}
            </Space>
          )}
          {!m.locked && (
            <>
              <Typography.Text type="secondary">{t('conference.placeHint')}</Typography.Text>
              <Space>
                <Select
                  value={slotId}
                  onChange={setSlotId}
                  placeholder={t('conference.slot')}
                  style={{ width: 150 }}
                  options={schedule.slots.map((s) => ({ value: s.id, label: slotLabel(schedule, s.id) }))}
                  data-testid="move-slot"
                />
                <Select
                  value={tableId}
                  onChange={setTableId}
                  placeholder={t('conference.table')}
                  style={{ width: 100 }}
                  options={schedule.tables.map((x) => ({
                    value: x.id,
                    label: t('conference.tableLabel', { no: x.no }),
                  }))}
                  data-testid="move-table"
                />
                <Button
                  type="primary"
                  size="small"
                  disabled={!slotId || !tableId}
                  loading={place.isPending}
                  onClick={() => slotId && tableId && void run(place.mutateAsync({ rid: m.id, slotId, tableId }))}
                  data-testid="move-submit"
                >
                  {m.slotId ? t('conference.move') : t('conference.place')}
                </Button>
              </Space>
            </>
          )}
          {error && <Alert type="error" showIcon title={error} data-testid="move-error" />}
        </>
      )}
    </Space>
  );
  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} destroyOnHidden>
      {children}
    </Popover>
  );
}
