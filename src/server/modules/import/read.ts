/**
 * Reads an uploaded table file into sheets of raw cells: .xlsx through exceljs, .csv in UTF-8 (with or
 * without BOM) or GB18030, which is what Chinese Excel writes when it saves CSV.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

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
      throw new FileFormatError(`CSV 格式有误：${(err as Error).message}`, `Malformed CSV: ${(err as Error).message}`);
    }
  }
  if (lower.endsWith('.xlsx') || lower.endsWith('.xlsm')) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    } catch (err) {
      throw new FileFormatError(
        `无法读取 Excel 文件：${(err as Error).message}`,
        `Cannot read the workbook: ${(err as Error).message}`,
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
