/** Check-in tab: a code box (a scanned badge URL opens this tab with ?code=), and the list with QR codes. */
import { PrinterOutlined } from '@ant-design/icons';
import { App, Button, Image, Input, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fmtDateTime } from '../../app/format';
import { useUrlState } from '../../app/useUrlState';
import { QueryTable } from '../../components/QueryTable';
import { SyntheticBadge } from '../../components/tags';
import { type TCheckInEntry, type TConference, useCheckIn, useCheckInList } from './api';
import { RoleTag, useErrorText } from './shared';

export function CheckInTab({ conf }: { conf: TConference }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { get, set } = useUrlState();
  const [code, setCode] = useState(get('code') ?? '');
  const list = useCheckInList(conf.eventId);
  const checkIn = useCheckIn(conf.eventId);
  const submit = async (value: string) => {
    if (!value.trim()) return;
    try {
      const r = await checkIn.mutateAsync(value);
      const who = list.data?.items.find((x) => x.participantId === r.participantId);
      void message.success(
        t('conference.checkedInAs', { name: who ? `${who.organisation} ${who.person}` : r.participantId }),
      );
      setCode('');
      set({ code: undefined }, { replace: true });
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          value={code}
          onChange={(e) => setCode(e.target.value)}
          enterButton={t('conference.checkIn')}
          placeholder={t('conference.checkInPlaceholder')}
          onSearch={(v) => void submit(v)}
          loading={checkIn.isPending}
          style={{ width: 360 }}
          data-testid="checkin-code"
        />
        <Link to={`/print/events/${conf.eventId}/agendas?participant=all`} target="_blank">
          <Button icon={<PrinterOutlined />}>{t('conference.printBadges')}</Button>
        </Link>
      </Space>
      <QueryTable
        rowKey="participantId"
        query={list}
        columns={[
          {
            title: 'QR',
            dataIndex: 'qr',
            width: 70,
            render: (v: string) => <Image src={v} width={48} height={48} alt="QR" preview={{ mask: false }} />,
          },
          {
            title: t('conference.organisation'),
            key: 'o',
            render: (_: unknown, r: TCheckInEntry) => (
              <Space size={4} wrap>
                {r.organisation} · {r.person}
                <SyntheticBadge synthetic={r.synthetic} />
              </Space>
            ),
          },
          { title: t('conference.role'), dataIndex: 'role', render: (v: string) => <RoleTag role={v} /> },
          { title: t('conference.checkInCode'), dataIndex: 'code', render: (v: string) => <code>{v}</code> },
          {
            title: t('conference.checkedIn'),
            dataIndex: 'checkedInAt',
            render: (v: string | null) =>
              v ? <Tag color="green">{fmtDateTime(v, i18n.language)}</Tag> : <Tag>{t('conference.notYet')}</Tag>,
          },
        ]}
      />
    </div>
  );
}
