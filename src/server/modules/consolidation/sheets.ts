/**
 * Spreadsheets of the consolidation module: the orders import (.xlsx or CSV through the shared
 * reader; headers in Chinese or English; every row through the order form's schema and checks
 * (orderProblems); all rows or none, every bad cell reported by row and column in zh and en), its template, and a shipper's invoice as a workbook (its parts, chargeable
 * weight and share of each container's price, from the latest plan).
 */
import ExcelJS from 'exceljs';
import { CARGO_CLASSES, type TOrderInput, ZOrderInput } from '../../../contracts/consolidation.js';
import { type FieldProblem, fieldProblem } from '../../../contracts/errors.js';
import type { Db } from '../../../db/connect.js';
import { planConsolidation } from '../../../domain/consolidation/planner.js';
import type { UnplacedReason } from '../../../domain/consolidation/types.js';
import { AppError, invalid, issueToProblem, notFound } from '../../lib/errors.js';
import { readSheet, rejectRows } from '../../lib/spreadsheet.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';
import type { HubAccess } from './policy.js';
import * as repo from './repository.js';
import { ORDERS, orderProblems, planInputOf, toDomainOrder } from './service.js';

const COLUMNS = [
  { key: 'code', zh: '编号', en: 'Code' },
  { key: 'shipperName', zh: '发货人', en: 'Shipper' },
  { key: 'goods', zh: '货物', en: 'Goods' },
  { key: 'hsChapter', zh: 'HS章', en: 'HS chapter' },
  { key: 'cargoClass', zh: '货类', en: 'Cargo class' },
  { key: 'dgClass', zh: '危险品类别', en: 'DG class' },
  { key: 'pieces', zh: '件数', en: 'Pieces' },
  { key: 'volumeM3', zh: '体积m3', en: 'Volume m3' },
  { key: 'weightKg', zh: '毛重kg', en: 'Weight kg' },
  { key: 'destination', zh: '目的站', en: 'Destination' },
  { key: 'destinationCountry', zh: '目的国', en: 'Country' },
  { key: 'readyOn', zh: '备货日', en: 'Ready on' },
  { key: 'splittable', zh: '可拆分', en: 'Splittable' },
  { key: 'declaredValueYuan', zh: '申报货值元', en: 'Declared value CNY' },
] as const;
type Key = (typeof COLUMNS)[number]['key'];

const CLASS_LABELS: Record<string, string> = {
  普货: 'general',
  纺织服装: 'textile',
  电子产品: 'electronics',
  机械设备: 'machinery',
  食品: 'food',
  化工品: 'chemical',
  危险品: 'dangerous',
  易碎品: 'fragile',
};
const YES = new Set(['是', 'y', 'yes', 'true', '1']);

/** Reads and checks every row; writes all of them in one transaction, or none. Returns the count. */
export async function importOrders(
  db: Db,
  x: HubAccess,
  bytes: Uint8Array,
  fileName: string,
  ctx: AuditCtx,
): Promise<number> {
  if (!x.operate) throw new AppError(403, 'forbidden');
  const sheet = await readSheet<Key>(bytes, fileName, COLUMNS, [
    'code',
    'shipperName',
    'goods',
    'cargoClass',
    'pieces',
    'volumeM3',
    'weightKg',
    'destination',
    'destinationCountry',
    'readyOn',
  ]);
  const problems: FieldProblem[] = [];
  const values: TOrderInput[] = [];
  const seen = new Set<string>();
  const { input: hubInput } = await planInputOf(db, x.hub.id);
  const COLUMN_OF: Partial<Record<UnplacedReason, Key>> = {
    too_heavy: 'weightKg',
    too_large: 'volumeM3',
    dimension: 'volumeM3',
    ready_after_cutoff: 'readyOn',
    no_destination: 'destination',
    unknown_class: 'cargoClass',
  };
  const screen = (o: TOrderInput): { column: Key; message: { zh: string; en: string } } | undefined => {
    if (hubInput.departures.length === 0) return undefined;
    const plan = planConsolidation(
      { ...hubInput, orders: [toDomainOrder({ ...o, id: 0 })] },
      { variants: 1, improveRounds: 0 },
    );
    const u = plan.unplaced[0];
    const column = u && COLUMN_OF[u.reason];
    return u && column ? { column, message: { zh: u.zh, en: u.en } } : undefined;
  };
  return db.tx(async (tx) => {
    for (const { row, cell } of sheet.rows) {
      const num = (k: Key) => (cell(k) === '' ? undefined : Number(cell(k).replaceAll(',', '')));
      const cls = CLASS_LABELS[cell('cargoClass')] ?? cell('cargoClass').toLowerCase();
      const yuan = num('declaredValueYuan');
      const input = {
        code: cell('code'),
        shipperName: cell('shipperName'),
        goods: cell('goods'),
        hsChapter: cell('hsChapter') || null,
        cargoClass: cls,
        dgClass: cell('dgClass') || null,
        pieces: num('pieces'),
        volumeM3: num('volumeM3'),
        weightKg: num('weightKg'),
        destination: cell('destination').toUpperCase(),
        destinationCountry: cell('destinationCountry'),
        readyOn: excelDate(cell('readyOn')),
        splittable: YES.has(cell('splittable').toLowerCase()),
        declaredValueFen: yuan === undefined ? null : Math.round(yuan * 100),
      };
      const r = ZOrderInput.safeParse(input);
      if (!r.success) {
        for (const issue of r.error.issues) {
          const key = issue.path[0] === 'declaredValueFen' ? 'declaredValueYuan' : issue.path[0];
          problems.push(
            key === 'cargoClass'
              ? fieldProblem(['rows', row, 'cargoClass'], 'invalid_value', {
                  zh: `应为 ${Object.keys(CLASS_LABELS).join('、')} 之一`,
                  en: `use one of ${CARGO_CLASSES.join(', ')}`,
                })
              : { ...issueToProblem({ ...issue, path: [key as string] } as never, ['rows', row], input) },
          );
        }
        continue;
      }
      // the order form's own checks (code taken at the hub, DG class, …), then a code twice in the file
      const own = await orderProblems(tx, x, r.data);
      for (const p of own) problems.push({ ...p, path: ['rows', row, ...p.path] });
      if (seen.has(r.data.code) && !own.some((p) => p.path[0] === 'code'))
        problems.push(fieldProblem(['rows', row, 'code'], 'consolidation.code_taken'));
      seen.add(r.data.code);
      // an order no departure of this hub can take is named here too (too heavy, too late, …)
      const why = screen(r.data);
      if (why) problems.push(fieldProblem(['rows', row, why.column], 'consolidation.unplaceable', why.message));
      values.push({ ...r.data, synthetic: false });
    }
    if (problems.length) throw rejectRows(sheet, problems);
    if (values.length === 0)
      throw invalid([fieldProblem(['file'], 'required', { zh: '没有数据行', en: 'no data rows' })]);
    for (const v of values) await repo.insertOrder(tx, x.hub.id, v as Record<string, unknown>);
    // one change_log row per import: what and how many (rows have no ids before they are written)
    await writeAudit(tx, ctx, {
      entity: ORDERS,
      entityId: `hub:${x.hub.id}`,
      action: 'create',
      new: { imported: values.length, file: fileName, codes: values.map((v) => v.code).slice(0, 200) },
    });
    return values.length;
  });
}

/** A date cell as YYYY-MM-DD (Excel dates arrive as Date text; text dates pass through). */
function excelDate(s: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? s : d.toISOString().slice(0, 10);
}

export async function orderTemplate(lang: 'zh' | 'en'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(lang === 'zh' ? '订单' : 'Orders');
  ws.addRow(COLUMNS.map((c) => c[lang])).font = { bold: true };
  ws.addRow([
    'HO-101',
    lang === 'zh' ? '示例节庆用品厂' : 'Example festive goods',
    lang === 'zh' ? '节日装饰彩球' : 'Festive decoration balls',
    '95',
    lang === 'zh' ? '普货' : 'general',
    '',
    120,
    18.5,
    1650,
    'DUISBURG',
    lang === 'zh' ? '德国' : 'Germany',
    '2026-12-05',
    lang === 'zh' ? '是' : 'yes',
    186000,
  ]);
  ws.columns = COLUMNS.map(() => ({ width: 16 }));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface StoredPlan {
  plan: {
    containers: {
      id: string;
      departureId: string;
      type: string;
      parts: { orderId: string; pieces: number; volumeM3: number; weightKg: number }[];
    }[];
  };
  lines: { containerId: string; orderId: string; chargeableKg: number; amountFen: number }[];
}

/**
 * The invoice of one order (its share of each container it rides in), as a workbook. Whoever may
 * not read the order gets 404, as for an order that does not exist: its existence is not revealed.
 */
export async function invoiceWorkbook(db: Db, x: HubAccess, orderId: number, lang: 'zh' | 'en'): Promise<Buffer> {
  const o = await repo.order(db, orderId);
  if (!o || o.hub_id !== x.hub.id) throw notFound();
  const own = x.shipperEnterpriseId !== null && o.shipper_enterprise_id === x.shipperEnterpriseId;
  if (!x.readAll && !own) throw notFound();
  const row = await repo.latestPlan(db, x.hub.id);
  const stored = row?.plan as StoredPlan | undefined;
  const deps = new Map((await repo.departures(db, x.hub.id)).map((d) => [String(d.id), d]));
  const zh = lang === 'zh';
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(zh ? '费用结算单' : 'Invoice');
  ws.addRow([zh ? '集拼中心' : 'Consolidation centre', x.hub.name]);
  ws.addRow([zh ? '订单' : 'Order', `${o.code} ${o.goods}`]);
  ws.addRow([zh ? '发货人' : 'Shipper', o.shipper_name]);
  ws.addRow([]);
  ws.addRow(
    zh
      ? ['班列', '发车日', '集装箱', '箱型', '件数', '体积m3', '毛重kg', '计费重kg', '分摊费用元']
      : [
          'Departure',
          'Departs',
          'Container',
          'Type',
          'Pieces',
          'Volume m3',
          'Weight kg',
          'Chargeable kg',
          'Amount CNY',
        ],
  ).font = { bold: true };
  let total = 0;
  for (const c of stored?.plan.containers ?? []) {
    for (const p of c.parts) {
      if (p.orderId !== String(o.id)) continue;
      const l = stored!.lines.find((k) => k.containerId === c.id && k.orderId === p.orderId);
      const d = deps.get(c.departureId);
      total += l?.amountFen ?? 0;
      ws.addRow([
        d?.code ?? c.departureId,
        d?.depart_on ?? '',
        c.id,
        c.type,
        p.pieces,
        Math.round(p.volumeM3 * 1000) / 1000,
        Math.round(p.weightKg * 10) / 10,
        Math.round((l?.chargeableKg ?? 0) * 10) / 10,
        (l?.amountFen ?? 0) / 100,
      ]);
    }
  }
  ws.addRow([]);
  ws.addRow([zh ? '合计（元）' : 'Total (CNY)', total / 100]).font = { bold: true };
  ws.addRow([
    zh
      ? '按计费重（毛重与体积×线路折算系数取大，不低于最低计费量）分摊所在集装箱的箱费。'
      : "Each container's price is shared in proportion to chargeable weight (the larger of gross weight and volume × the route's divisor, at least the minimum).",
  ]);
  ws.columns = [
    { width: 16 },
    { width: 14 },
    { width: 18 },
    { width: 8 },
    { width: 8 },
    { width: 12 },
    { width: 12 },
    { width: 14 },
    { width: 14 },
  ];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
