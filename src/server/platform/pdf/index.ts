/** The platform's PDF renderer (see document.ts). */
export { type ChartOption, chartSvg } from './chart.js';
export { type Block, type Cell, formatCell, type PdfDocument, renderPdf } from './document.js';
export const PDF_TYPE = 'application/pdf';
export { type PdfJobSpec, renderPdfInThread, runPdfJob, type StoredPdf } from './job.js';
