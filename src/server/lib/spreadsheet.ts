/**
 * The one reader of uploaded spreadsheets (every module that takes a table file reads it here; the
 * upload itself comes through lib/upload.ts):
 * - readTable: a file into sheets of raw cells: .xlsx through exceljs, .csv in UTF-8 (with or without
 *   BOM) or GB18030, which is what Chinese Excel writes when it saves CSV; anything else a FileFormatError.
 * - readSheet / rejectRows: the first sheet as rows of trimmed text by column key, columns found by their
 *   Chinese or English header (or key); a missing required column or an unreadable file is a 422 naming
 *   it, and rejected rows come back as import report rows (sheet, row, column letter, header, value, reason).
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { type FieldProblem, fieldProblem } from '../../contracts/errors.js';
import type { RowProblem } from '../../contracts/imports.js';
import { cellText as rawCellText } from '../../domain/import/coerce.js';
import { AppError, invalid } from './errors.js';

export interface RawSheet {
  name: string;
  /** Rows of cells, row 0 = the sheet's first row. */
  rows: unknown[][];
}

export class FileFormatError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** Decodes CSV bytes: UTF-8 when they are valid UTF-8, otherwise GB18030. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

export async function readTable(
  bytes: Uint8Array,
  fileName: string,
): Promise<{ sheets: RawSheet[]; encoding?: string }> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) {
    const { text, encoding } = decodeCsv(bytes);
    try {
      const rows = parse(text, { relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
      return { sheets: [{ name: fileName.replace(/\.[^.]+$/, ''), rows }], encoding };
    } catch (err) {
      // csv-parse's message is English; the line it stopped at is what a reader needs.
      const line = (err as { lines?: number }).lines;
      throw new FileFormatError(
        `CSV 格式有误${line ? `（约第 ${line} 行）` : ''}：引号或分隔符不成对`,
        `Malformed CSV${line ? ` (about line ${line})` : ''}: unbalanced quotes or separators`,
      );
    }
  }
  if (lower.endsWith('.xlsx') || lower.endsWith('.xlsm')) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    } catch (err) {
      // The library's own words (English, about zip directories) say nothing a reader can act on.
      void err;
      throw new FileFormatError(
        '无法读取 Excel 文件：文件已损坏，或不是 Excel 工作簿',
        'Cannot read the workbook: the file is damaged or not an Excel workbook',
      );
    }
    const sheets: RawSheet[] = [];
    wb.eachSheet((ws) => {
      // Hidden sheets hold helpers (the templates' drop-down lists in `_lists`), never data.
      if (ws.state === 'hidden' || ws.state === 'veryHidden') return;
      const rows: unknown[][] = [];
      ws.eachRow({ includeEmpty: true }, (row, rowNo) => {
        const cells: unknown[] = [];
        row.eachCell({ includeEmpty: true }, (cell, colNo) => {
          cells[colNo - 1] = cell.value;
        });
        rows[rowNo - 1] = cells;
      });
      for (let i = 0; i < rows.length; i++) rows[i] ??= [];
      sheets.push({ name: ws.name, rows });
    });
    return { sheets };
  }
  if (lower.endsWith('.xls')) {
    throw new FileFormatError(
      '不支持旧版 .xls，请在 Excel 或 WPS 中另存为 .xlsx 或 CSV',
      'Old .xls files are not supported: save as .xlsx or CSV',
    );
  }
  throw new FileFormatError('只接受 .xlsx 或 .csv 文件', 'Only .xlsx and .csv files are accepted');
}

/** Spreadsheet column letter of a 0-based index (0 → A, 26 → AA). */
export function columnLetter(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

// ─── the first sheet by column ───

export interface SheetColumn<K extends string> {
  key: K;
  zh: string;
  en: string;
}

/** A cell as trimmed text: rich text, hyperlinks and formula results as their text, dates as YYYY-MM-DD. */
export const cellText = (v: unknown): string => rawCellText(v).trim();

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
