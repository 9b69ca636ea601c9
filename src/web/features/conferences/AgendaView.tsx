/** One participant's agenda: who, when, which table, with the check-in QR code. Used on screen and in print. */
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { SyntheticBadge } from '../../components/tags';
import type { TAgenda } from './api';
import { PriorityTag, RoleTag } from './shared';

export function AgendaView({
  agenda,
  eventName,
  published,
}: {
  agenda: TAgenda;
  eventName: string;
  published: boolean;
}) {
  const { t } = useTranslation();
  const p = agenda.participant;
  return (
    <section className="agenda" data-testid="agenda" data-participant={p.id}>
      <header className="agenda-head">
        <div>
          <div className="agenda-event">
            {eventName}
            {agenda.venue && (
              <span data-testid="agenda-venue">
                {' · '}
                {t('conference.venue')}
                {t('common.colon')}
                {agenda.venue}
              </span>
            )}
          </div>
          <h2 className="agenda-title">
            {t('conference.agendaOf', { name: `${p.organisation} · ${p.person}` })}{' '}
            <SyntheticBadge synthetic={p.synthetic} />
          </h2>
          <div className="agenda-sub">
            <RoleTag role={p.role} />
            {p.title && <span>{p.title}</span>}
            {!published && <span className="agenda-warn">{t('conference.notPublished')}</span>}
          </div>
        </div>
        <figure className="agenda-qr">
          <img src={agenda.qr} alt={t('conference.scanToCheckIn')} width={96} height={96} />
          <figcaption>{t('conference.scanToCheckIn')}</figcaption>
        </figure>
      </header>
      {agenda.items.length === 0 ? (
        <p className="agenda-empty" data-testid="agenda-empty">
          {t('conference.noMeetings')}
        </p>
      ) : (
        <table className="agenda-table">
          <thead>
            <tr>
              <th>{t('conference.slot')}</th>
              <th>{t('conference.table')}</th>
              <th>{t('conference.counterpart')}</th>
              <th>{t('conference.role')}</th>
              <th>{t('conference.priority')}</th>
            </tr>
          </thead>
          <tbody>
            {agenda.items.map((i) => (
              <tr key={i.requestId} data-testid="agenda-item">
                <td className="nowrap">
                  {i.date} {i.start}–{i.end}
                </td>
                <td className="nowrap">
                  {t('conference.tableLabel', { no: i.tableNo })}{' '}
                  {i.locked && <LockOutlined aria-label={t('conference.locked')} />}
                  {i.tableLocation && (
                    <div className="agenda-location" data-testid="agenda-location">
                      {i.tableLocation}
                    </div>
                  )}
                </td>
                <td>
                  <strong>{i.counterpartOrganisation}</strong>
                  {i.counterpartSynthetic && !/（示例）$|\(demo\)$/.test(i.counterpartOrganisation) && (
                    <span className="agenda-demo">{t('conference.demoMark')}</span>
                  )}{' '}
                  · <span className="agenda-name">{i.counterpartPerson}</span>
                </td>
                <td>
                  <RoleTag role={i.counterpartRole} />
                </td>
                <td>
                  <PriorityTag priority={i.priority} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Styles of the agenda, on screen and on paper (one participant per page). */
export const AGENDA_CSS = `
.agenda{background:#fff;padding:16px 20px;border:1px solid #f0f0f0;border-radius:8px;margin-bottom:16px}
.agenda-head{display:flex;justify-content:space-between;gap:16px;align-items:flex-start}
.agenda-event{color:#888;font-size:13px}
.agenda-title{margin:4px 0 6px;font-size:20px}
.agenda-sub{display:flex;gap:8px;align-items:center;color:#555}
.agenda-warn{color:#d46b08}
.agenda-qr{margin:0;text-align:center;font-size:11px;color:#888}
.agenda-table{width:100%;border-collapse:collapse;margin-top:12px;font-size:14px}
.agenda-table th,.agenda-table td{border-bottom:1px solid #eee;padding:6px 8px;text-align:left;vertical-align:top}
.agenda-table th{background:#fafafa;font-weight:600}
.agenda-table .nowrap{white-space:nowrap}
.agenda-name{white-space:nowrap}
.agenda-location{color:#555;font-size:12px;white-space:normal}
.agenda-demo{color:#d46b08;white-space:nowrap}
.agenda-empty{color:#888;margin:16px 0}
@media print{
  .no-print{display:none!important}
  body{background:#fff}
  .agenda{border:none;border-radius:0;padding:0;margin:0;page-break-after:always;break-after:page}
  .agenda:last-child{page-break-after:auto;break-after:auto}
  .agenda-table th{background:#eee!important;-webkit-print-color-adjust:exact;print-color-adjust:exact}
  @page{size:A4;margin:15mm}
}`;
