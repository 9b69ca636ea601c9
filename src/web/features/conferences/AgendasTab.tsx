/** Agendas tab: pick a participant (in the URL) → its agenda; print one or all; Excel. */
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { parseIntParam } from '../../app/format';
import { useUrlState } from '../../app/useUrlState';
import { DownloadButton } from '../../components/DownloadButton';
import { EmptyState, QueryView } from '../../components/states';
import { AGENDA_CSS, AgendaView } from './AgendaView';
import { conferencePath, type TConference, useAgendas, useParticipants } from './api';

export function AgendasTab({ conf }: { conf: TConference }) {
  const { t, i18n } = useTranslation();
  const { get, set } = useUrlState();
  const people = useParticipants(conf.eventId);
  const mine = conf.ownParticipantIds;
  const options = (people.data?.items ?? [])
    .filter((p) => conf.mayReadAll || mine.includes(p.id))
    .map((p) => ({ value: p.id, label: `${p.organisation}（${p.person}）` }));
  const chosen = parseIntParam(get('participant')) ?? (mine.length === 1 ? mine[0] : undefined);
  const agendas = useAgendas(conf.eventId, chosen);
  const lang = i18n.language === 'en-US' ? 'en' : 'zh';
  const path = `${conferencePath(conf.eventId)}/agendas.xlsx`;
  return (
    <div>
      <style>{AGENDA_CSS}</style>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          showSearch
          allowClear
          optionFilterProp="label"
          value={chosen}
          placeholder={t('conference.pickParticipant')}
          style={{ width: 340 }}
          onChange={(v) => set({ participant: v })}
          options={options}
          loading={people.isPending}
          data-testid="agenda-participant"
        />
        {chosen !== undefined && (
          <>
            <Link
              to={`/print/events/${conf.eventId}/agendas?participant=${chosen}`}
              target="_blank"
              data-testid="print-agenda"
            >
              <Button icon={<PrinterOutlined />}>{t('conference.print')}</Button>
            </Link>
            <DownloadButton
              path={path}
              params={{ participantId: chosen, lang }}
              fileName="agenda.xlsx"
              testId="agenda-excel"
            >
              {t('conference.excel')}
            </DownloadButton>
          </>
        )}
        {conf.mayReadAll && (
          <>
            <Link to={`/print/events/${conf.eventId}/agendas?participant=all`} target="_blank">
              <Button icon={<PrinterOutlined />}>{t('conference.printAll')}</Button>
            </Link>
            <DownloadButton path={path} params={{ lang }} fileName="agendas.xlsx">
              {t('conference.excelAll')}
            </DownloadButton>
          </>
        )}
      </Space>
      {chosen === undefined ? (
        <EmptyState description={t('conference.pickParticipant')} />
      ) : (
        <QueryView query={agendas}>
          {(d) =>
            d.items.map((a) => (
              <AgendaView
                key={a.participant.id}
                agenda={a}
                eventName={conf.eventName}
                published={Boolean(conf.publishedAt)}
              />
            ))
          }
        </QueryView>
      )}
    </div>
  );
}
