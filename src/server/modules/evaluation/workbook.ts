/** Excel of evaluation lists: one sheet, headers in the reader's language, values as the API gives them. */
import ExcelJS from 'exceljs';

export type Lang = 'zh' | 'en';
export interface Column<T> {
  zh: string;
  en: string;
  width?: number;
  value: (row: T) => string | number | boolean | null | undefined;
}

export async function listWorkbook<T>(
  sheet: { zh: string; en: string },
  columns: readonly Column<T>[],
  rows: readonly T[],
  lang: Lang,
  notes: readonly string[] = [],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet[lang].slice(0, 31));
  ws.columns = columns.map((c) => ({ header: c[lang], width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(columns.map((c) => c.value(r) ?? null));
  if (notes.length) {
    const n = wb.addWorksheet(lang === 'zh' ? '说明' : 'Notes');
    for (const line of notes) n.addRow([line]);
    n.getColumn(1).width = 120;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
