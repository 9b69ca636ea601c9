/**
 * A shipper's invoice for a departure (结算单): its booked orders on that departure, each part's
 * container, chargeable weight (with the route's minimum) and share of the container's price (the
 * plan's cost split, as stored with the latest plan), and the total; as a PDF (platform/pdf, rendered
 * in a worker thread, watermarked with the user and the time) or a workbook.
 *
 * Who: the shipper's own enterprise users, and the hub's operators and the city administrators.
 * Anyone else — another shipper, an analyst, another hub's operator — gets 404, as for a record they
 * cannot see. Container prices and the share of them stay with the hub: a shipper sees its amounts
 * (a price could otherwise be worked back from amount ÷ share).
 */
import ExcelJS from 'exceljs';
import { fieldProblem } from '../../../contracts/errors.js';
import type { Db } from '../../../db/connect.js';
import type { ChargeLine, RouteTariff } from '../../../domain/consolidation/cost.js';
import type { Plan } from '../../../domain/consolidation/types.js';
import { invalid, notFound } from '../../lib/errors.js';
import { Sql } from '../../lib/sql.js';
import type { Cell, PdfDocument } from '../../platform/pdf/index.js';
import { renderPdfInThread } from '../../platform/pdf/job.js';
import type { HubAccess } from './policy.js';
import * as repo from './repository.js';

export interface InvoiceLine {
  orderCode: string;
  goods: string;
  container: string;
  type: string;
  pieces: number;
  volumeM3: number;
  weightKg: number;
  chargeableKg: number;
  /** the route's minimum set the chargeable weight */
  minimum: boolean;
  amountFen: number;
  /** the container's price and this part's share of it: the hub's only */
  containerPriceFen: number | null;
  share: number | null;
}

export interface Invoice {
  hub: string;
  shipper: string;
  departure: { code: string; route: string; departOn: string; cutoffOn: string };
  tariff: RouteTariff;
  planId: number;
  planDate: string;
  lines: InvoiceLine[];
  totalFen: number;
  totalChargeableKg: number;
  /** the caller sees container prices and shares */
  hubView: boolean;
}

/** Whether the caller may have this shipper's invoice: the shipper's users, the hub, the city's administrators. */
function mayHave(x: HubAccess, shipperEnterpriseId: number): { hubView: boolean } | null {
  const a = x.actor;
  if (!a) return { hubView: true }; // the system (CLI, jobs)
  if (a.role === 'city_admin' || x.hub.member) return { hubView: true };
  if (a.role === 'enterprise_user' && a.enterpriseId === shipperEnterpriseId) return { hubView: false };
  return null;
}

/** The shipper asked for: an enterprise user's own enterprise by default; the hub names it. */
export function shipperOf(x: HubAccess, asked: number | undefined): number {
  if (asked !== undefined) return asked;
  const a = x.actor;
  if (a?.role === 'enterprise_user' && a.enterpriseId !== null) return a.enterpriseId;
  throw invalid([fieldProblem(['shipper'], 'required')]);
}

const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;

/** The invoice's data; 404 when the caller may not have it or there is nothing booked to invoice. */
export async function invoiceOf(db: Db, x: HubAccess, departureId: number, shipperId: number): Promise<Invoice> {
  const who = mayHave(x, shipperId);
  if (!who) throw notFound();
  const dep = await repo.departure(db, departureId);
  if (!dep || dep.hub_id !== x.hub.id) throw notFound();
  const orders = (await repo.orders(db, x.hub.id, new Sql(), null)).filter(
    (o) =>
      o.shipper_enterprise_id === shipperId &&
      (o.status === 'booked' || o.status === 'shipped') &&
      o.lock_departure_id === departureId,
  );
  const plan = await repo.latestPlan(db, x.hub.id);
  if (orders.length === 0 || !plan) throw notFound();
  const stored = plan.plan as { plan: Plan; lines: ChargeLine[] };
  const [ent] = await db.query<{ name: string }>('select name from enterprises where id = $1', [shipperId]);
  const t = (await repo.tariffs(db, x.hub.id)).find((k) => k.route === dep.route);
  const tariff: RouteTariff = t
    ? { route: t.route, divisorKgPerM3: t.divisor_kg_per_m3, minChargeableM3: t.min_chargeable_m3 }
    : { route: dep.route, divisorKgPerM3: 1000, minChargeableM3: 1 };
  const minKg = tariff.minChargeableM3 * tariff.divisorKgPerM3;
  const byId = new Map(orders.map((o) => [String(o.id), o]));
  const lines: InvoiceLine[] = [];
  for (const c of stored.plan.containers) {
    if (c.departureId !== String(departureId)) continue;
    const price = dep.containers.find((k) => k.type === c.type)?.priceFen ?? 0;
    for (const p of c.parts) {
      const o = byId.get(p.orderId);
      if (!o) continue;
      const l = stored.lines.find((k) => k.containerId === c.id && k.orderId === p.orderId);
      const chargeable = l?.chargeableKg ?? 0;
      const amount = l?.amountFen ?? 0;
      lines.push({
        orderCode: o.code,
        goods: o.goods,
        container: c.id,
        type: c.type,
        pieces: p.pieces,
        volumeM3: round(p.volumeM3, 3),
        weightKg: round(p.weightKg, 1),
        chargeableKg: round(chargeable, 1),
        minimum:
          chargeable > 0 && chargeable <= minKg && Math.max(p.weightKg, p.volumeM3 * tariff.divisorKgPerM3) < minKg,
        amountFen: amount,
        containerPriceFen: who.hubView ? price : null,
        share: who.hubView && price > 0 ? round(amount / price, 4) : null,
      });
    }
  }
  // booked orders are locked into this plan's containers; none found means the plan predates them
  if (lines.length === 0) throw notFound();
  lines.sort((a, b) => a.container.localeCompare(b.container) || a.orderCode.localeCompare(b.orderCode));
  const created = plan.created_at instanceof Date ? plan.created_at.toISOString() : String(plan.created_at);
  return {
    hub: x.hub.name,
    shipper: ent?.name ?? orders[0]!.shipper_name,
    departure: { code: dep.code, route: dep.route, departOn: dep.depart_on, cutoffOn: dep.cutoff_on },
    tariff,
    planId: plan.id,
    planDate: created.slice(0, 10),
    lines,
    totalFen: lines.reduce((s, l) => s + l.amountFen, 0),
    totalChargeableKg: round(
      lines.reduce((s, l) => s + l.chargeableKg, 0),
      1,
    ),
    hubView: who.hubView,
  };
}

const W = {
  zh: {
    title: '集拼费用结算单',
    hub: '集拼中心',
    shipper: '发货人',
    departure: '班列',
    route: '线路',
    departOn: '发车日',
    cutoffOn: '截单日',
    plan: '排箱计划',
    divisor: '计费折算',
    minimum: '最低计费',
    order: '订单',
    goods: '货物',
    container: '集装箱',
    type: '箱型',
    pieces: '件数',
    volume: '体积 m³',
    weight: '毛重 kg',
    chargeable: '计费重 kg',
    price: '箱费 元',
    share: '分摊比例',
    amount: '分摊费用 元',
    total: '合计',
    yuan: '元',
    minApplied: '（按最低计费）',
    note: '每个集装箱的箱费按箱内各订单的计费重（毛重与体积×线路折算系数取大，且不低于最低计费量）分摊；金额以分为单位按最大余数法取整，合计等于箱费。',
    sheet: '结算单',
    item: '项目',
    detail: '内容',
  },
  en: {
    title: 'Consolidation invoice',
    hub: 'Consolidation centre',
    shipper: 'Shipper',
    departure: 'Departure',
    route: 'Route',
    departOn: 'Departs',
    cutoffOn: 'Cut-off',
    plan: 'Plan',
    divisor: 'Chargeable divisor',
    minimum: 'Minimum',
    order: 'Order',
    goods: 'Goods',
    container: 'Container',
    type: 'Type',
    pieces: 'Pieces',
    volume: 'Volume m³',
    weight: 'Weight kg',
    chargeable: 'Chargeable kg',
    price: 'Container CNY',
    share: 'Share',
    amount: 'Amount CNY',
    total: 'Total',
    yuan: 'CNY',
    minApplied: ' (minimum)',
    note: "Each container's price is shared among its orders in proportion to chargeable weight (the larger of gross weight and volume × the route's divisor, at least the minimum); amounts are rounded to the fen by largest remainder and add up to the container's price.",
    sheet: 'Invoice',
    item: 'Item',
    detail: 'Detail',
  },
};

const pct = (v: number | null) => (v === null ? null : `${round(v * 100, 2)}%`);

function header(inv: Invoice, lang: 'zh' | 'en'): [string, string][] {
  const w = W[lang];
  return [
    [w.hub, inv.hub],
    [w.shipper, inv.shipper],
    [w.departure, inv.departure.code],
    [w.route, inv.departure.route],
    [w.departOn, inv.departure.departOn],
    [w.cutoffOn, inv.departure.cutoffOn],
    [w.plan, `#${inv.planId} · ${inv.planDate}`],
    [w.divisor, `${inv.tariff.divisorKgPerM3} kg/m³`],
    [w.minimum, `${inv.tariff.minChargeableM3} m³ = ${inv.tariff.minChargeableM3 * inv.tariff.divisorKgPerM3} kg`],
  ];
}

function columns(inv: Invoice, lang: 'zh' | 'en'): string[] {
  const w = W[lang];
  return [
    w.order,
    w.goods,
    w.container,
    w.type,
    w.pieces,
    w.volume,
    w.weight,
    w.chargeable,
    ...(inv.hubView ? [w.price, w.share] : []),
    w.amount,
  ];
}

function rows(inv: Invoice, lang: 'zh' | 'en'): Cell[][] {
  const w = W[lang];
  return inv.lines.map((l) => [
    l.orderCode,
    l.goods,
    l.container,
    l.type,
    l.pieces,
    l.volumeM3,
    l.weightKg,
    l.minimum ? `${l.chargeableKg.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US')}${w.minApplied}` : l.chargeableKg,
    ...(inv.hubView ? [l.containerPriceFen === null ? null : l.containerPriceFen / 100, pct(l.share)] : []),
    l.amountFen / 100,
  ]);
}

/** The invoice as a PDF document (data), rendered by invoicePdf. */
export function invoiceDocument(inv: Invoice, lang: 'zh' | 'en', watermark: { name: string; at: string }): PdfDocument {
  const w = W[lang];
  const cols = columns(inv, lang);
  const wide = new Set([w.goods, w.container]);
  return {
    title: `${w.title} ${inv.departure.code}`,
    subtitle: `${inv.shipper} · ${inv.hub}`,
    asOf: inv.planDate,
    lang,
    watermark,
    blocks: [
      {
        kind: 'table',
        columns: [
          { title: w.item, width: 1 },
          { title: w.detail, width: 2.4 },
        ],
        rows: header(inv, lang),
      },
      {
        kind: 'figures',
        items: [
          { label: `${w.total} (${w.yuan})`, value: inv.totalFen / 100 },
          { label: w.chargeable, value: inv.totalChargeableKg },
          { label: w.departOn, value: inv.departure.departOn },
          { label: w.order, value: new Set(inv.lines.map((l) => l.orderCode)).size },
        ],
      },
      {
        kind: 'table',
        columns: cols.map((title) => ({ title, width: wide.has(title) ? 1.8 : 1 })),
        rows: [
          ...rows(inv, lang),
          [
            w.total,
            null,
            null,
            null,
            inv.lines.reduce((s, l) => s + l.pieces, 0),
            null,
            null,
            inv.totalChargeableKg,
            ...(inv.hubView ? [null, null] : []),
            inv.totalFen / 100,
          ],
        ],
      },
      { kind: 'paragraph', text: w.note, muted: true },
    ],
  };
}

/** Renders the invoice PDF in a worker thread (fonts and layout are CPU work). */
export const invoicePdf = (doc: PdfDocument): Promise<Buffer> => renderPdfInThread(doc);

/** The invoice as a workbook. */
export async function invoiceXlsx(inv: Invoice, lang: 'zh' | 'en'): Promise<Buffer> {
  const w = W[lang];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(w.sheet);
  ws.addRow([`${w.title} ${inv.departure.code}`]).font = { bold: true, size: 14 };
  for (const [k, v] of header(inv, lang)) ws.addRow([k, v]);
  ws.addRow([]);
  ws.addRow(columns(inv, lang)).font = { bold: true };
  for (const r of rows(inv, lang)) ws.addRow(r);
  const totals = ws.addRow([
    w.total,
    '',
    '',
    '',
    inv.lines.reduce((s, l) => s + l.pieces, 0),
    '',
    '',
    inv.totalChargeableKg,
    ...(inv.hubView ? ['', ''] : []),
    inv.totalFen / 100,
  ]);
  totals.font = { bold: true };
  ws.addRow([]);
  ws.addRow([w.note]);
  ws.columns = columns(inv, lang).map((c, i) => ({ width: i === 1 ? 24 : Math.max(12, c.length + 4) }));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
