/**
 * The platform's PDF renderer: a document is plain data (title, as-of date, blocks: headings,
 * paragraphs, key-figure rows, tables, ECharts charts), rendered on the server by pdfkit with the
 * Noto Sans SC fonts of @embedpdf/fonts-sc (OFL-1.1), so Chinese prints without a browser.
 *
 * Reproducible: the document's dates (creation, modification, the XMP metadata and the file id
 * derived from them) are the data's as-of date, never the clock, and font subsets are named from
 * their order of use; so the same document data gives the same bytes. Every page carries the
 * watermark (who exported it and when — part of the input, as the data is) and a footer with the
 * as-of date and the page number.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { type ChartOption, chartSvg } from './chart.js';

const require = createRequire(import.meta.url);
// The package exports only its index (in dist/); its fonts lie beside dist/ in fonts/.
const FONT_DIR = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
export const FONT_REGULAR = path.join(FONT_DIR, 'NotoSansHans-Regular.otf');
export const FONT_BOLD = path.join(FONT_DIR, 'NotoSansHans-Bold.otf');

export type Cell = string | number | null;

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; muted?: boolean }
  | {
      kind: 'figures';
      /** Key figures, four to a row: label, value (null = withheld or unknown), unit, as-of date. */
      items: { label: string; value: Cell; unit?: string; asOf?: string | null }[];
    }
  | {
      kind: 'table';
      columns: { title: string; width?: number; align?: 'left' | 'right' }[];
      rows: Cell[][];
      /** Shown when there are no rows. */
      empty?: string;
    }
  | { kind: 'chart'; option: ChartOption; height?: number };

export interface PdfDocument {
  title: string;
  subtitle?: string;
  /** The data's as-of date (YYYY-MM-DD): printed on every page and used as the file's dates. */
  asOf: string;
  lang: 'zh' | 'en';
  /** Who exported it and when (ISO timestamp), drawn across every page. */
  watermark: { name: string; at: string };
  blocks: Block[];
}

const MARGIN = 48;
const GREY = '#666666';

export const formatCell = (v: Cell, lang: 'zh' | 'en'): string =>
  v === null ? '—' : typeof v === 'number' ? v.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US') : v;

const words = {
  zh: { asOf: '数据截至', page: (i: number, n: number) => `第 ${i} / ${n} 页`, exported: '导出' },
  en: { asOf: 'Data as of', page: (i: number, n: number) => `Page ${i} of ${n}`, exported: 'exported' },
};

/** Renders the document to PDF bytes. */
export async function renderPdf(d: PdfDocument): Promise<Buffer> {
  const fixed = new Date(`${d.asOf}T00:00:00Z`);
  if (Number.isNaN(fixed.getTime())) throw new Error(`asOf "${d.asOf}" is not a date`);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    compress: true,
    info: { Title: d.title, Producer: 'ParkLink', Creator: 'ParkLink', CreationDate: fixed, ModDate: fixed },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('CJK', FONT_REGULAR);
  doc.registerFont('CJK-Bold', FONT_BOLD);
  const w = words[d.lang];
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN - 24;
  const ensure = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };

  doc.font('CJK-Bold').fontSize(18).fillColor('#000').text(d.title, { width });
  if (d.subtitle) doc.font('CJK').fontSize(11).fillColor(GREY).text(d.subtitle, { width });
  doc.font('CJK').fontSize(10).fillColor(GREY).text(`${w.asOf} ${d.asOf}`, { width });
  doc.moveDown(0.8);

  for (const b of d.blocks) {
    switch (b.kind) {
      case 'heading':
        ensure(40);
        doc.moveDown(0.4).font('CJK-Bold').fontSize(13).fillColor('#000').text(b.text, MARGIN, doc.y, { width });
        doc.moveDown(0.3);
        break;
      case 'paragraph':
        doc
          .font('CJK')
          .fontSize(10)
          .fillColor(b.muted ? GREY : '#000')
          .text(b.text, MARGIN, doc.y, { width });
        doc.moveDown(0.4);
        break;
      case 'figures':
        drawFigures(doc, b.items, width, d.lang, ensure);
        break;
      case 'table':
        drawTable(doc, b, width, d.lang, ensure);
        break;
      case 'chart': {
        const h = b.height ?? 220;
        ensure(h + 8);
        const svg = chartSvg(b.option, width, h);
        SVGtoPDF(doc, svg, MARGIN, doc.y, { width, height: h, fontCallback: () => 'CJK' });
        doc.y += h + 8;
        break;
      }
    }
  }

  // Watermark and footer on every page, drawn last so the page count is known.
  const range = doc.bufferedPageRange();
  const mark = `${d.watermark.name} · ${d.watermark.at.replace('T', ' ').slice(0, 16)} ${w.exported}`;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { width: pw, height: ph } = doc.page;
    doc.save();
    doc.fillColor('#999999').fillOpacity(0.18).font('CJK').fontSize(22);
    for (let row = 0; row < 4; row++) {
      doc.save();
      const cx = pw / 2;
      const cy = ph * (0.15 + row * 0.24);
      doc.rotate(-30, { origin: [cx, cy] });
      doc.text(mark, cx - 220, cy - 12, { width: 440, align: 'center', lineBreak: false });
      doc.restore();
    }
    doc.restore();
    doc.fillOpacity(1).fillColor(GREY).font('CJK').fontSize(8);
    const footer = `${d.title} · ${w.asOf} ${d.asOf} · ${w.page(i - range.start + 1, range.count)}`;
    doc.text(footer, MARGIN, ph - MARGIN, { width, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}

function drawFigures(
  doc: PDFKit.PDFDocument,
  items: Extract<Block, { kind: 'figures' }>['items'],
  width: number,
  lang: 'zh' | 'en',
  ensure: (h: number) => void,
) {
  const per = 4;
  const cw = width / per;
  for (let i = 0; i < items.length; i += per) {
    ensure(60);
    const y = doc.y;
    items.slice(i, i + per).forEach((f, j) => {
      const x = MARGIN + j * cw;
      doc
        .rect(x + 2, y, cw - 4, 54)
        .fillOpacity(1)
        .fillColor('#f3f6fa')
        .fill();
      doc
        .fillColor(GREY)
        .font('CJK')
        .fontSize(8)
        .text(f.label, x + 8, y + 5, { width: cw - 16, height: 12, ellipsis: true });
      doc
        .fillColor('#000')
        .font('CJK-Bold')
        .fontSize(15)
        .text(`${formatCell(f.value, lang)}${f.unit && f.value !== null ? ` ${f.unit}` : ''}`, x + 8, y + 18, {
          width: cw - 16,
          height: 20,
          ellipsis: true,
        });
      if (f.asOf)
        doc
          .fillColor(GREY)
          .font('CJK')
          .fontSize(7)
          .text(f.asOf, x + 8, y + 40, { width: cw - 16, lineBreak: false });
    });
    doc.y = y + 60;
  }
  doc.x = MARGIN;
}

function drawTable(
  doc: PDFKit.PDFDocument,
  b: Extract<Block, { kind: 'table' }>,
  width: number,
  lang: 'zh' | 'en',
  ensure: (h: number) => void,
) {
  const total = b.columns.reduce((s, c) => s + (c.width ?? 1), 0);
  const widths = b.columns.map((c) => ((c.width ?? 1) / total) * width);
  const rowH = 16;
  const header = () => {
    const y = doc.y;
    doc.rect(MARGIN, y, width, rowH).fillColor('#e8edf3').fill();
    let x = MARGIN;
    b.columns.forEach((c, i) => {
      doc
        .fillColor('#000')
        .font('CJK-Bold')
        .fontSize(8.5)
        .text(c.title, x + 3, y + 3.5, {
          width: (widths[i] ?? 0) - 6,
          align: c.align ?? 'left',
          lineBreak: false,
          height: rowH,
        });
      x += widths[i] ?? 0;
    });
    doc.y = y + rowH;
  };
  ensure(rowH * 2);
  header();
  if (b.rows.length === 0 && b.empty) {
    doc
      .fillColor(GREY)
      .font('CJK')
      .fontSize(8.5)
      .text(b.empty, MARGIN + 3, doc.y + 3.5, { width });
    doc.y += 4;
  }
  b.rows.forEach((row, r) => {
    if (doc.y + rowH > doc.page.height - MARGIN - 24) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    if (r % 2 === 1) doc.rect(MARGIN, y, width, rowH).fillColor('#fafbfc').fill();
    let x = MARGIN;
    b.columns.forEach((c, i) => {
      doc
        .fillColor('#000')
        .font('CJK')
        .fontSize(8.5)
        .text(formatCell(row[i] ?? null, lang), x + 3, y + 3.5, {
          width: (widths[i] ?? 0) - 6,
          align: c.align ?? (typeof row[i] === 'number' ? 'right' : 'left'),
          lineBreak: false,
          ellipsis: true,
          height: rowH,
        });
      x += widths[i] ?? 0;
    });
    doc.y = y + rowH;
  });
  doc.x = MARGIN;
  doc.moveDown(0.6);
}
