/**
 * Spreadsheet output: import templates (Chinese headers, a notes row, drop-down lists), exports
 * (frozen header, number formats) and the rejected-rows file with a reason column. CSV output carries
 * a UTF-8 BOM so Excel opens Chinese text correctly.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { ENUM_LABELS, type EnumGroup } from '../../../contracts/labels.js';
import { type Column, IMPORT_KINDS, type ImportKind, KINDS } from '../../../domain/import/kinds.js';
import { columnLetter } from '../../lib/spreadsheet.js';
import type { RejectedSheet } from './run.js';

type Rec = Record<string, unknown>;
export type Lang = 'zh' | 'en';
const enumLabel = (group: EnumGroup, code: string, lang: Lang) =>
  (ENUM_LABELS[group] as Record<string, { zh: string; en: string }>)[code]?.[lang] ?? code;

export interface TierName {
  code: string;
  nameZh: string;
  nameEn: string;
}

/** A value as the importer reads it back: enum labels, lists joined by 、, 是/否, honours as name:year. */
export function cellValue(col: Column, v: unknown, lang: Lang, tiers: TierName[]): string | number | null {
  if (v === null || v === undefined) return null;
  switch (col.type) {
    case 'enum':
      return enumLabel(col.enumGroup as EnumGroup, String(v), lang);
    case 'enumList':
      return (v as string[]).map((x) => enumLabel(col.enumGroup as EnumGroup, x, lang)).join('、');
    case 'list':
      return (v as string[]).join('、');
    case 'bool':
      return v ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no';
    case 'honours':
      return (v as { tierCode: string; year: number; level?: string; validUntil?: string | null }[])
        .map((h) => {
          const name = tiers.find((t) => t.code === h.tierCode)?.[lang === 'zh' ? 'nameZh' : 'nameEn'] ?? h.tierCode;
          const level =
            h.level && (h.level !== 'national' || h.validUntil) ? `:${enumLabel('honourLevel', h.level, lang)}` : '';
          return `${name}:${h.year}${level}${h.validUntil ? `:${h.validUntil}` : ''}`;
        })
        .join('、');
    case 'number':
    case 'int':
      return typeof v === 'number' ? v : Number(v);
    default:
      return typeof v === 'string' ? v.trim() : String(v);
  }
}

function numFmt(col: Column): string | undefined {
  if (col.money) return '#,##0.00';
  if (col.type === 'int')
    return col.field === 'year' || col.field === 'completionYear' || col.field === 'floorNo' ? '0' : '#,##0';
  if (col.type === 'number') return col.field === 'lat' || col.field === 'lng' ? '0.000000' : '#,##0.##';
  return undefined;
}

function addSheet(
  wb: ExcelJS.Workbook,
  kind: ImportKind,
  rows: Rec[],
  opts: { lang: Lang; notes: boolean; tiers: TierName[]; lists?: ExcelJS.Worksheet },
) {
  const def = KINDS[kind];
  const ws = wb.addWorksheet(def.sheet[opts.lang], { views: [{ state: 'frozen', ySplit: opts.notes ? 2 : 1 }] });
  ws.columns = def.columns.map((c) => ({
    header: c[opts.lang],
    key: c.field,
    width: Math.min(40, Math.max(10, c.zh.length * 2 + 4)),
    style: numFmt(c) ? { numFmt: numFmt(c) as string } : {},
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F4FF' } };
  def.columns.forEach((c, i) => {
    if (c.required) header.getCell(i + 1).font = { bold: true, color: { argb: 'FFCF1322' } };
  });
  if (opts.notes) {
    const notes = ws.addRow(
      def.columns.map(
        (c) =>
          `${opts.lang === 'zh' ? '说明：' : 'Note: '}${c.note[opts.lang]}${c.required ? (opts.lang === 'zh' ? '（必填）' : ' (required)') : ''}`,
      ),
    );
    notes.font = { italic: true, color: { argb: 'FF8C8C8C' } };
    notes.alignment = { wrapText: true, vertical: 'top' };
  }
  for (const r of rows) ws.addRow(def.columns.map((c) => cellValue(c, r[c.field], opts.lang, opts.tiers)));
  // Drop-down lists for enum columns, from a hidden sheet (Excel limits inline lists to 255 characters).
  if (opts.lists) {
    const first = opts.notes ? 3 : 2;
    const last = Math.max(first + 999, ws.rowCount + 500);
    def.columns.forEach((c, i) => {
      if (c.type !== 'enum' && c.type !== 'bool') return;
      const range = listRange(opts.lists as ExcelJS.Worksheet, c, opts.lang);
      const letter = columnLetter(i);
      for (let row = first; row <= last; row++) {
        ws.getCell(`${letter}${row}`).dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [range],
          showErrorMessage: true,
          errorTitle: opts.lang === 'zh' ? '取值无效' : 'Invalid value',
          error: opts.lang === 'zh' ? '请从下拉列表中选择' : 'Pick a value from the list',
        };
      }
    });
  }
  return ws;
}

const listCols = new WeakMap<ExcelJS.Worksheet, Map<string, string>>();
function listRange(lists: ExcelJS.Worksheet, col: Column, lang: Lang): string {
  const key = col.type === 'bool' ? 'bool' : (col.enumGroup as string);
  const known = listCols.get(lists) ?? new Map<string, string>();
  listCols.set(lists, known);
  const hit = known.get(key);
  if (hit) return hit;
  const values =
    col.type === 'bool'
      ? lang === 'zh'
        ? ['是', '否']
        : ['yes', 'no']
      : Object.values(ENUM_LABELS[col.enumGroup as EnumGroup] as Record<string, { zh: string; en: string }>).map(
          (l) => l[lang],
        );
  const idx = known.size;
  const letter = columnLetter(idx);
  lists.getCell(`${letter}1`).value = key;
  values.forEach((v, i) => {
    lists.getCell(`${letter}${i + 2}`).value = v;
  });
  const range = `_lists!$${letter}$2:$${letter}$${values.length + 1}`;
  known.set(key, range);
  return range;
}

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function newWorkbook() {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ParkLink 园链通';
  wb.created = new Date();
  return wb;
}

/** Blank template of one kind, or of every kind (one sheet each, in import order). */
export async function templateXlsx(kinds: ImportKind[], lang: Lang, tiers: TierName[]): Promise<Buffer> {
  const wb = newWorkbook();
  const lists = wb.addWorksheet('_lists', { state: 'hidden' });
  for (const k of kinds) addSheet(wb, k, [], { lang, notes: true, tiers, lists });
  return toBuffer(wb);
}

/** Data of one or more kinds; the importer reads the result back unchanged. */
export async function dataXlsx(
  sheets: { kind: ImportKind; rows: Rec[] }[],
  lang: Lang,
  tiers: TierName[],
): Promise<Buffer> {
  const wb = newWorkbook();
  for (const s of [...sheets].sort((a, b) => IMPORT_KINDS.indexOf(a.kind) - IMPORT_KINDS.indexOf(b.kind))) {
    addSheet(wb, s.kind, s.rows, { lang, notes: false, tiers });
  }
  return toBuffer(wb);
}

export function dataCsv(kind: ImportKind, rows: Rec[], lang: Lang, tiers: TierName[]): Buffer {
  const cols = KINDS[kind].columns;
  const text = stringify([
    cols.map((c) => c[lang]),
    ...rows.map((r) => cols.map((c) => cellValue(c, r[c.field], lang, tiers))),
  ]);
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** The rows an import rejected, as the user gave them, with a reason column. */
export async function rejectedXlsx(rejected: RejectedSheet[]): Promise<Buffer> {
  const wb = newWorkbook();
  for (const s of rejected) {
    const ws = wb.addWorksheet(s.sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = ws.addRow(['行号 Row', ...s.headers, '错误原因 Reason']);
    header.font = { bold: true };
    for (const r of s.rows) ws.addRow([r.row, ...s.headers.map((_, i) => plain(r.cells[i])), r.reasons]);
    ws.getColumn(s.headers.length + 2).width = 80;
  }
  return toBuffer(wb);
}

function plain(v: unknown): string | number | boolean | Date | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return v;
  const o = v as { richText?: { text: string }[]; result?: unknown; text?: string };
  if (o.richText) return o.richText.map((t) => t.text).join('');
  if (o.result !== undefined) return plain(o.result);
  return o.text ?? JSON.stringify(v);
}
