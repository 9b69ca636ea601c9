/**
 * /print/events/:id/agendas?participant=ID|all — agendas for the browser's print dialog (print or
 * save as PDF), one participant per page, with the check-in QR code; no menu or header.
 */
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { parseIntParam } from '../../app/format';
import { EmptyState, ErrorState, QueryView } from '../../components/states';
import { AGENDA_CSS, AgendaView } from './AgendaView';
import { useAgendas, useConference } from './api';

export default function AgendaPrintPage() {
  const { t } = useTranslation();
  const id = parseIntParam(useParams().id);
  const [sp] = useSearchParams();
  const raw = sp.get('participant') ?? 'all';
  const who = raw === 'all' ? 'all' : parseIntParam(raw);
  const conf = useConference(id ?? 0);
  const agendas = useAgendas(id ?? 0, who);
  if (id === undefined || who === undefined) return <ErrorState error={new Error('bad id')} />;
  return (
    <div style={{ maxWidth: 900, margin: '0 auto', padding: 24 }} data-testid="agenda-print">
      <style>{AGENDA_CSS}</style>
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-button">
          {t('conference.print')}
        </Button>
      </Space>
      <QueryView query={conf}>
        {(c) => (
          <QueryView query={agendas} isEmpty={(d) => d.items.length === 0} empty={t('conference.noMeetings')}>
            {(d) =>
              d.items.length === 0 ? (
                <EmptyState />
              ) : (
                d.items.map((a) => (
                  <AgendaView
                    key={a.participant.id}
                    agenda={a}
                    eventName={c.eventName}
                    published={Boolean(c.publishedAt)}
                  />
                ))
              )
            }
          </QueryView>
        )}
      </QueryView>
    </div>
  );
}
