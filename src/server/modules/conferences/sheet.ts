/**
 * The first sheet of an uploaded .xlsx or CSV for the conference imports: columns found by their
 * Chinese or English header (or key), a missing required column or an unreadable file refused with
 * a 422 that names it, and each data row read as trimmed text by column key. Rejected rows come back
 * as the main importer's report rows (sheet, row, column letter, header, value, reason in zh and en).
 */
import { type FieldProblem, fieldProblem } from '../../../contracts/errors.js';
import type { RowProblem } from '../../../contracts/imports.js';
import { AppError, invalid } from '../../lib/errors.js';
import { columnLetter, FileFormatError, readTable } from '../import/read.js';

export interface SheetColumn<K extends string> {
  key: K;
  zh: string;
  en: string;
}

/** A cell as trimmed text (rich text and formula results included). */
export const cellText = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'text' in (v as object)) return String((v as { text: unknown }).text).trim();
  if (typeof v === 'object' && 'result' in (v as object)) return String((v as { result: unknown }).result).trim();
  return String(v).trim();
};

export interface SheetRows<K extends string> {
  /** The sheet's name (a CSV file's name without its extension). */
  sheet: string;
  /** Data rows with their spreadsheet row number, blank rows left out. */
  rows: { row: number; cell: (key: K) => string }[];
  /** Where a column sits in the file: its letter and its header as written. */
  at: (key: K) => { column: string; header: string };
}

/** Reads the first sheet and finds the columns; a missing required column is a 422 naming it. */
export async function readSheet<K extends string>(
  bytes: Uint8Array,
  fileName: string,
  columns: readonly SheetColumn<K>[],
  required: readonly K[],
): Promise<SheetRows<K>> {
  let first: { name: string; rows: unknown[][] } | undefined;
  try {
    first = (await readTable(bytes, fileName)).sheets[0];
  } catch (e) {
    if (e instanceof FileFormatError) throw invalid([fieldProblem(['file'], 'invalid_format', { zh: e.zh, en: e.en })]);
    throw e;
  }
  const rows = first?.rows ?? [];
  const header = (rows[0] ?? []).map(cellText);
  const index = new Map<K, number>();
  for (const col of columns) {
    const i = header.findIndex((h) => h === col.zh || h.toLowerCase() === col.en.toLowerCase() || h === col.key);
    if (i >= 0) index.set(col.key, i);
  }
  const problems: FieldProblem[] = [];
  for (const must of required) {
    const col = columns.find((x) => x.key === must);
    if (!index.has(must))
      problems.push(
        fieldProblem(['file', must], 'required', { zh: `缺少"${col?.zh}"列`, en: `no "${col?.en}" column` }),
      );
  }
  if (problems.length) throw invalid(problems);
  return {
    sheet: first?.name ?? '',
    rows: rows
      .slice(1)
      .map((r, i) => ({ row: i + 2, cell: (k: K) => cellText(r[index.get(k) ?? -1]) }))
      .filter((r) => columns.some((col) => r.cell(col.key) !== '')),
    at: (k) => {
      const i = index.get(k);
      return i === undefined ? { column: '', header: '' } : { column: columnLetter(i), header: header[i] ?? '' };
    },
  };
}

/**
 * Refuses the whole file: a 422 whose `errors` name each field by ['rows', row, key] and whose
 * `report` lists the same problems as import report rows, so the page can show where each one is.
 */
export function rejectRows<K extends string>(sheet: SheetRows<K>, problems: FieldProblem[]): AppError {
  const cells = new Map(sheet.rows.map((r) => [r.row, r.cell]));
  const report: RowProblem[] = problems.map((p) => {
    const [, row, key] = p.path as [string, number, K | undefined];
    const where = key ? sheet.at(key) : { column: '', header: '' };
    return {
      sheet: sheet.sheet,
      row: typeof row === 'number' ? row : 0,
      column: where.column,
      header: where.header,
      field: key ?? '',
      value: key ? (cells.get(row)?.(key) ?? '') : '',
      code: p.code,
      message: p.message,
      severity: 'error',
    };
  });
  return new AppError(422, 'validation_failed', problems.slice(0, 200), { report: report.slice(0, 1000) });
}
