/**
 * Consolidation's cockpit figure (platform/figures.ts): the volume (m³) of orders booked or shipped at
 * the scope's hubs (a hub belongs to the park it sits in), by status, within the viewer's read scope of
 * orders (the city every hub, a hub's members their hub, a shipper its own orders).
 */
import { type FigureDef, scopedFigure, scopeParks } from '../../platform/figures.js';

const STATUSES = [
  { key: 'open', label: { zh: '待订舱', en: 'Open' } },
  { key: 'booked', label: { zh: '已订舱', en: 'Booked' } },
  { key: 'shipped', label: { zh: '已发运', en: 'Shipped' } },
] as const;

export const CONSOLIDATION_FIGURES: FigureDef[] = [
  scopedFigure<{ status: string; m3: number; d: unknown }>({
    key: 'consolidation.volume',
    label: { zh: '集拼货量（已订舱及已发运）', en: 'Consolidated volume (booked and shipped)' },
    unit: { zh: 'm³', en: 'm³' },
    group: 'consolidation',
    order: 800,
    sees: 'consolidation.view',
    targetable: true,
    link: '/consolidation',
    read: 'consolidation_orders',
    sql: (s, q, read) =>
      `select t.status, sum(t.volume_m3)::float as m3, max(t.created_at) as d from consolidation_orders t
        where t.status <> 'cancelled' and ${
          s.kind === 'city'
            ? 'true'
            : `t.hub_id in (select h.id from consolidation_hubs h where h.park_id in ${scopeParks(s, q)})`
        } and ${read} group by t.status`,
    answer: (rows) => {
      const m3 = new Map(rows.map((r) => [r.status, Math.round(r.m3 * 10) / 10]));
      return {
        value: Math.round(((m3.get('booked') ?? 0) + (m3.get('shipped') ?? 0)) * 10) / 10,
        parts: STATUSES.map((x) => ({ key: x.key, label: x.label, value: m3.get(x.key) ?? 0 })),
      };
    },
  }),
];
