/**
 * Services' cockpit figure (platform/figures.ts): service-level attainment over the last 365 days —
 * the share of tickets answered by their first-response due time among those answered or past it
 * (as the agency dashboard counts met and missed), with resolution beside it; tickets of the scope's
 * firms or parks, within the viewer's read scope of tickets.
 */
import { type FigureDef, scopedFigure, scopeEnterprises, scopeParks } from '../../platform/figures.js';

const pct = (met: number, missed: number) => (met + missed > 0 ? Math.round((met / (met + missed)) * 1000) / 10 : null);

export const SERVICES_FIGURES: FigureDef[] = [
  scopedFigure<{ fr_met: number; fr_missed: number; res_met: number; res_missed: number; d: unknown }>({
    key: 'services.sla',
    label: { zh: '服务时限达标率（首次响应）', en: 'Service level met (first response)' },
    unit: { zh: '%', en: '%' },
    group: 'services',
    order: 700,
    sees: 'services.dashboard',
    link: '/services/dashboard',
    read: 'service-tickets',
    sql: (s, q, read) =>
      `select max(t.updated_at) as d,
          count(*) filter (where first_response_at is not null and (first_response_due is null or first_response_at <= first_response_due))::int as fr_met,
          count(*) filter (where first_response_due is not null and coalesce(first_response_at, now()) > first_response_due)::int as fr_missed,
          count(*) filter (where resolved_at is not null and (resolution_due is null or resolved_at <= resolution_due))::int as res_met,
          count(*) filter (where resolution_due is not null and coalesce(resolved_at, now()) > resolution_due)::int as res_missed
         from service_tickets t where t.status <> 'merged' and t.created_at >= current_date - 365 and ${
           s.kind === 'city'
             ? 'true'
             : `(t.park_id in ${scopeParks(s, q)} or ${scopeEnterprises(s, q, 't.enterprise_id')})`
         } and ${read}`,
    answer: ([r]) => {
      const x = r ?? { fr_met: 0, fr_missed: 0, res_met: 0, res_missed: 0 };
      return {
        value: pct(x.fr_met, x.fr_missed),
        parts: [
          { key: 'first_response', label: { zh: '首次响应', en: 'First response' }, value: pct(x.fr_met, x.fr_missed) },
          { key: 'resolution', label: { zh: '办结', en: 'Resolution' }, value: pct(x.res_met, x.res_missed) },
        ],
      };
    },
  }),
];
