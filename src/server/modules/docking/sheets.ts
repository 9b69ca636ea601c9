/**
 * Postings as spreadsheets (issue 12 item 7): the import template (drop-down lists on a hidden
 * `_lists` sheet), the import (.xlsx or CSV through the shared reader lib/spreadsheet.ts; every row
 * checked as a posting from the form is — unknown node, quantity ≤ 0 or absurd, expired validity, unit
 * that does not fit the category, unknown firm or one outside the caller's scope — all rows or none,
 * each problem named by sheet, row, column and value in zh and en) and the export of the postings
 * list with its filters and the caller's redaction (quantities, prices and contacts only to owners and
 * accepted counterparts; withheld cells are left empty).
 */
import ExcelJS from 'exceljs';
import { type TPosting, type TPostingInput, UNITS, ZPostingInput } from '../../../contracts/docking.js';
import { type FieldProblem, fieldProblem } from '../../../contracts/errors.js';
import type { Db } from '../../../db/connect.js';
import type { ChainGraph } from '../../../domain/docking/graph.js';
import { forbidden, invalid, issueToProblem } from '../../lib/errors.js';
import { columnLetter, readSheet, rejectRows } from '../../lib/spreadsheet.js';
import type { AuditCtx } from '../../platform/audit.js';
import type { Actor } from '../auth/actor.js';
import { mayPost } from './access.js';
import { chainGraph, today } from './book.js';
import { checkPosting, createPosting } from './postings.js';

type Lang = 'zh' | 'en';

export const POSTING_COLUMNS = [
  { key: 'kind', zh: '供需类型', en: 'Kind' },
  { key: 'category', zh: '类别', en: 'Category' },
  { key: 'enterprise', zh: '企业', en: 'Enterprise' },
  { key: 'title', zh: '产品或服务', en: 'Product or service' },
  { key: 'spec', zh: '规格说明', en: 'Specification' },
  { key: 'node', zh: '产业链节点', en: 'Chain node' },
  { key: 'quantity', zh: '数量', en: 'Quantity' },
  { key: 'unit', zh: '单位', en: 'Unit' },
  { key: 'priceWan', zh: '价格（万元）', en: 'Price (10k CNY)' },
  { key: 'deliveryRegion', zh: '交付地区代码', en: 'Delivery region code' },
  { key: 'validUntil', zh: '有效期至', en: 'Valid until' },
  { key: 'visibility', zh: '可见范围', en: 'Visibility' },
  { key: 'contactName', zh: '联系人', en: 'Contact' },
  { key: 'contactPhone', zh: '联系电话', en: 'Phone' },
] as const;
type Key = (typeof POSTING_COLUMNS)[number]['key'];
const REQUIRED: Key[] = ['kind', 'category', 'enterprise', 'title', 'validUntil', 'visibility'];

const KIND_LABELS = { supply: { zh: '供应', en: 'supply' }, demand: { zh: '需求', en: 'demand' } } as const;
const CATEGORY_LABELS = {
  product: { zh: '产品', en: 'product' },
  processing: { zh: '外协加工', en: 'processing' },
  service: { zh: '服务', en: 'service' },
  technology: { zh: '技术', en: 'technology' },
} as const;
const VISIBILITY_LABELS = {
  public: { zh: '公开', en: 'public' },
  city: { zh: '全市', en: 'city' },
  park: { zh: '本园区', en: 'my park' },
} as const;

/** A label (zh, en or the code, any case) → its code. */
function codeOf<C extends string>(labels: Record<C, { zh: string; en: string }>, text: string): C | undefined {
  const t = text.trim().toLowerCase();
  for (const [code, l] of Object.entries(labels) as [C, { zh: string; en: string }][])
    if (t === code.toLowerCase() || t === l.zh || t === l.en.toLowerCase()) return code;
  return undefined;
}
const UNIT_LABELS = UNITS as Record<string, { zh: string; en: string }>;

/** How a node is written in the sheets: "name（id）"; read back from that, the id or the name. */
const nodeLabel = (g: ChainGraph, id: string, lang: Lang) => {
  const n = g.nodes.get(id);
  return n ? `${lang === 'zh' ? n.nameZh : n.nameEn}（${id}）` : id;
};
function nodeOf(g: ChainGraph, text: string): string | undefined {
  const t = text.trim();
  const inParens = /[（(]\s*([^()（）]+?)\s*[）)]\s*$/.exec(t)?.[1];
  for (const c of [inParens, t]) if (c && g.nodes.has(c)) return c;
  const lower = t.toLowerCase();
  const named = [...g.nodes.values()].filter((n) => n.nameZh === t || n.nameEn.toLowerCase() === lower);
  return named.length === 1 ? named[0]!.id : undefined;
}

const oneOf = (labels: Record<string, { zh: string; en: string }>) => ({
  zh: `应为 ${Object.values(labels)
    .map((l) => l.zh)
    .join('、')} 之一`,
  en: `use one of ${Object.values(labels)
    .map((l) => l.en)
    .join(', ')}`,
});

/** A date cell as YYYY-MM-DD (Excel dates arrive as dates; text dates pass through). */
function sheetDate(s: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  const m = /^(\d{4})[/.年](\d{1,2})[/.月](\d{1,2})日?$/.exec(s);
  if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return s;
}

/** Firms named in a sheet by id, credit code or exact name: each text → its ids (two namesakes → two). */
async function firmsOf(db: Db, texts: string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  const uniq = [...new Set(texts.filter(Boolean))];
  if (uniq.length === 0) return out;
  const ids = uniq.filter((t) => /^\d{1,9}$/.test(t)).map(Number);
  const rows = await db.query<{ id: number; name: string; credit_code: string | null }>(
    `select id, name, credit_code from enterprises
      where name = any($1::text[]) or credit_code = any($1::text[]) or id = any($2::int[])`,
    [uniq, ids],
  );
  for (const t of uniq) {
    const hit = rows.filter((r) => r.name === t || r.credit_code?.trim() === t.toUpperCase() || String(r.id) === t);
    out.set(t, [...new Set(hit.map((r) => r.id))]);
  }
  return out;
}

/** The most rows one file may hold (each row is matched as it is written). */
export const IMPORT_MAX_ROWS = 2000;

/** Maps a posting field (contract) to its sheet column. */
const COLUMN_OF: Record<string, Key> = { enterpriseId: 'enterprise', nodeId: 'node' };

/**
 * Reads and checks every row; writes all of them (each matched at once, as a posting from the form)
 * in one transaction, or none. Returns how many postings and new matches.
 */
export async function importPostings(
  db: Db,
  a: Actor,
  bytes: Uint8Array,
  fileName: string,
  ctx: AuditCtx,
): Promise<{ imported: number; newMatches: number }> {
  if (!mayPost(a)) throw forbidden();
  const sheet = await readSheet<Key>(bytes, fileName, POSTING_COLUMNS, REQUIRED);
  if (sheet.rows.length === 0)
    throw invalid([fieldProblem(['file'], 'required', { zh: '没有数据行', en: 'no data rows' })]);
  if (sheet.rows.length > IMPORT_MAX_ROWS)
    throw invalid([
      fieldProblem(['file'], 'too_big', {
        zh: `一次最多 ${IMPORT_MAX_ROWS} 行`,
        en: `at most ${IMPORT_MAX_ROWS} rows per file`,
      }),
    ]);
  const graph = await chainGraph(db);
  const day = today();
  const firms = await firmsOf(
    db,
    sheet.rows.map((r) => r.cell('enterprise')),
  );
  const problems: FieldProblem[] = [];
  const inputs: TPostingInput[] = [];
  for (const { row, cell } of sheet.rows) {
    const at = (k: Key) => ['rows', row, k];
    const before = problems.length;
    const label = <C extends string>(k: Key, labels: Record<C, { zh: string; en: string }>): C | undefined => {
      if (cell(k) === '') return undefined;
      const c = codeOf(labels, cell(k));
      if (!c) problems.push(fieldProblem(at(k), 'invalid_value', oneOf(labels)));
      return c;
    };
    const num = (k: Key): number | null | undefined => {
      const s = cell(k).replaceAll(',', '');
      if (s === '') return null;
      const n = Number(s);
      if (Number.isFinite(n)) return n;
      problems.push(fieldProblem(at(k), 'invalid_type', { zh: '应为数字', en: 'expected a number' }));
      return undefined;
    };
    const kind = label('kind', KIND_LABELS);
    const category = label('category', CATEGORY_LABELS);
    const visibility = label('visibility', VISIBILITY_LABELS);
    const unit = label('unit', UNIT_LABELS);
    const quantity = num('quantity');
    const priceWan = num('priceWan');
    let nodeId: string | null = null;
    if (cell('node') !== '') {
      const n = nodeOf(graph, cell('node'));
      if (n) nodeId = n;
      else problems.push(fieldProblem(at('node'), 'docking.unknown_node'));
    }
    let enterpriseId: number | undefined;
    const hits = firms.get(cell('enterprise')) ?? [];
    if (cell('enterprise') !== '') {
      if (hits.length === 1) enterpriseId = hits[0];
      else if (hits.length === 0) problems.push(fieldProblem(at('enterprise'), 'docking.unknown_enterprise'));
      else
        problems.push(
          fieldProblem(at('enterprise'), 'docking.unknown_enterprise', {
            zh: '有多家同名企业，请填写统一社会信用代码',
            en: 'several firms bear this name: give the credit code',
          }),
        );
    }
    // every problem of the row at once: the cells read so far, the contract, then the form's own checks
    const reported = new Set(problems.slice(before).map((p) => String(p.path[2])));
    const input = {
      kind,
      category,
      enterpriseId,
      title: cell('title'),
      spec: cell('spec') || null,
      nodeId,
      quantity,
      unit: unit ?? null,
      priceWan,
      deliveryRegion: cell('deliveryRegion') || null,
      validUntil: sheetDate(cell('validUntil')),
      visibility,
      contactName: cell('contactName') || null,
      contactPhone: cell('contactPhone') || null,
    };
    const r = ZPostingInput.safeParse(input);
    if (!r.success) {
      for (const issue of r.error.issues) {
        const field = String(issue.path[0] ?? '');
        const col = COLUMN_OF[field] ?? field;
        if (reported.has(col)) continue;
        reported.add(col);
        problems.push(
          issueToProblem({ ...issue, path: [col] } as never, ['rows', row], {
            ...input,
            [col]: (input as Record<string, unknown>)[field],
          }),
        );
      }
    }
    // the form's checks (node, validity, unit, firm and scope, region) on what could be read
    const unitOk = !reported.has('unit') && !reported.has('category');
    const patched: TPostingInput = {
      ...(input as TPostingInput),
      kind: kind ?? 'supply',
      category: category ?? 'product',
      enterpriseId: enterpriseId ?? 0,
      nodeId: reported.has('node') ? null : nodeId,
      unit: unitOk ? ((unit as TPostingInput['unit']) ?? null) : null,
      quantity: unitOk && !reported.has('quantity') ? (quantity ?? null) : null,
      validUntil: reported.has('validUntil') ? '9999-12-31' : input.validUntil,
      deliveryRegion: reported.has('deliveryRegion') ? null : input.deliveryRegion,
    };
    for (const p of await checkPosting(db, a, patched, day)) {
      const col = COLUMN_OF[String(p.path[0])] ?? (String(p.path[0]) as Key);
      if (reported.has(col)) continue;
      reported.add(col);
      problems.push({ ...p, path: at(col) });
    }
    if (problems.length === before && r.success) inputs.push(r.data);
  }
  if (problems.length) throw rejectRows(sheet, problems);
  return db.tx(async (tx) => {
    let newMatches = 0;
    for (const input of inputs) newMatches += (await createPosting(tx, a, input, ctx, { day })).newMatches;
    return { imported: inputs.length, newMatches };
  });
}

function workbook() {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ParkLink 园链通';
  wb.created = new Date();
  return wb;
}

const headerRow = (ws: ExcelJS.Worksheet, lang: Lang, extra: string[] = []) => {
  ws.addRow([...POSTING_COLUMNS.map((c) => c[lang]), ...extra]).font = { bold: true };
  ws.columns = [...POSTING_COLUMNS, ...extra].map((c) => ({ width: c === POSTING_COLUMNS[3] ? 28 : 16 }));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
};

/** The import template: headers in the chosen language, an example row, drop-downs from `_lists`. */
export async function postingTemplate(db: Db, lang: Lang): Promise<Buffer> {
  const graph = await chainGraph(db);
  const wb = workbook();
  const ws = wb.addWorksheet(lang === 'zh' ? '供需信息' : 'Postings');
  const lists = wb.addWorksheet('_lists', { state: 'hidden' });
  headerRow(ws, lang);
  const example = [...graph.nodes.values()].find((n) => !n.group);
  ws.addRow([
    KIND_LABELS.supply[lang],
    CATEGORY_LABELS.product[lang],
    lang === 'zh' ? '（企业名称或统一社会信用代码）' : '(firm name or credit code)',
    lang === 'zh' ? '示例：DFB激光器芯片' : 'Example: DFB laser chips',
    '',
    example ? nodeLabel(graph, example.id, lang) : '',
    10000,
    UNITS.pcs[lang],
    '',
    '420100',
    `${Number(today().slice(0, 4)) + 1}-12-31`,
    VISIBILITY_LABELS.city[lang],
    '',
    '',
  ]);
  const dropDowns: [Key, string[]][] = [
    ['kind', Object.values(KIND_LABELS).map((l) => l[lang])],
    ['category', Object.values(CATEGORY_LABELS).map((l) => l[lang])],
    ['unit', Object.values(UNIT_LABELS).map((l) => l[lang])],
    ['visibility', Object.values(VISIBILITY_LABELS).map((l) => l[lang])],
    [
      'node',
      [...graph.nodes.values()]
        .filter((n) => !n.group)
        .sort((x, y) => x.chainCode.localeCompare(y.chainCode) || x.id.localeCompare(y.id))
        .map((n) => nodeLabel(graph, n.id, lang)),
    ],
  ];
  dropDowns.forEach(([key, values], i) => {
    const letter = columnLetter(i);
    lists.getCell(`${letter}1`).value = key;
    values.forEach((v, j) => {
      lists.getCell(`${letter}${j + 2}`).value = v;
    });
    const col = columnLetter(POSTING_COLUMNS.findIndex((c) => c.key === key));
    const range = `_lists!$${letter}$2:$${letter}$${values.length + 1}`;
    for (let row = 2; row <= 501; row++)
      ws.getCell(`${col}${row}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [range],
        // the node list is a help, not a rule: an id or a name typed in is read too
        showErrorMessage: key !== 'node',
        errorTitle: lang === 'zh' ? '取值无效' : 'Invalid value',
        error: lang === 'zh' ? '请从下拉列表中选择' : 'Pick a value from the list',
      };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The postings list as a workbook: the import's columns (it reads back), then id, firm, status, matches. */
export async function postingsWorkbook(db: Db, items: TPosting[], lang: Lang, total: number): Promise<Buffer> {
  const graph = await chainGraph(db);
  const wb = workbook();
  const ws = wb.addWorksheet(lang === 'zh' ? '供需信息' : 'Postings');
  const zh = lang === 'zh';
  const STATUS = {
    suggested: { zh: '待确认', en: 'suggested' },
    open: { zh: '开放', en: 'open' },
    closed: { zh: '已关闭', en: 'closed' },
  } as const;
  headerRow(
    ws,
    lang,
    zh ? ['编号', '状态', '已过期', '匹配数', '示例数据'] : ['ID', 'Status', 'Expired', 'Matches', 'Synthetic'],
  );
  // withheld and missing values are empty cells, not empty text
  for (const p of items) {
    ws.addRow([
      KIND_LABELS[p.kind][lang],
      CATEGORY_LABELS[p.category][lang],
      p.enterpriseName,
      p.title,
      p.spec ?? '',
      p.nodeId ? nodeLabel(graph, p.nodeId, lang) : '',
      p.quantity ?? null,
      p.unit ? UNITS[p.unit][lang] : null,
      p.priceWan ?? null,
      p.deliveryRegion ?? '',
      p.validUntil,
      VISIBILITY_LABELS[p.visibility][lang],
      p.contactName ?? null,
      p.contactPhone ?? null,
      p.id,
      STATUS[p.status][lang],
      p.expired ? (zh ? '是' : 'yes') : '',
      p.matchCount,
      p.synthetic ? (zh ? '是（示例）' : 'yes (synthetic)') : '',
    ]);
  }
  // the note on a sheet of its own: the first sheet reads back through the import unchanged
  const notes = wb.addWorksheet(zh ? '说明' : 'Notes');
  notes.getColumn(1).width = 100;
  notes.addRow([
    zh
      ? `共 ${total} 条${total > items.length ? `，导出前 ${items.length} 条` : ''}（按页面当前的筛选条件）。`
      : `${total} postings${total > items.length ? `, the first ${items.length} exported` : ''} (the page's current filters).`,
  ]);
  notes.addRow([
    zh
      ? '数量、单位、价格和联系方式仅对发布方及双方均表示有意向的对方显示，其余留空。'
      : 'Quantities, units, prices and contacts are shown only to the poster and to a counterpart once both sides are interested; other cells are left empty.',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
