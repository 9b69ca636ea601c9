/**
 * The first sheet of an uploaded .xlsx or CSV for the conference imports: columns found by their
 * Chinese or English header (or key), a missing required column or an unreadable file refused with
 * a 422 that names it, and each data row read as trimmed text by column key.
 */
import { type FieldProblem, fieldProblem } from '../../../contracts/errors.js';
import { invalid } from '../../lib/errors.js';
import { FileFormatError, readTable } from '../import/read.js';

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

/**
 * The data rows (after the header) with their spreadsheet row number, blank rows left out, each
 * as a reader of its cells by column key.
 */
export async function readSheet<K extends string>(
  bytes: Uint8Array,
  fileName: string,
  columns: readonly SheetColumn<K>[],
  required: readonly K[],
): Promise<{ row: number; cell: (key: K) => string }[]> {
  let rows: unknown[][];
  try {
    rows = (await readTable(bytes, fileName)).sheets[0]?.rows ?? [];
  } catch (e) {
    if (e instanceof FileFormatError) throw invalid([fieldProblem(['file'], 'invalid_format', { zh: e.zh, en: e.en })]);
    throw e;
  }
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
  return rows
    .slice(1)
    .map((r, i) => ({ row: i + 2, cell: (k: K) => cellText(r[index.get(k) ?? -1]) }))
    .filter((r) => columns.some((col) => r.cell(col.key) !== ''));
}
