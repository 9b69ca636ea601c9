/**
 * A PDF report as a job, the one body every module's report job runs: collect (the module builds the
 * document data, checking rights as the requester is now) → render (in a worker thread: fonts and
 * layout are CPU work) → store (one row of the module's table, with its audit row, in one transaction)
 * → done, with progress at each step and a stop at each step when the job is cancelled. The module
 * gives what differs: how to build the document, its table and own columns, and what its audit row and
 * answer say. Its download route then reads the stored file by id.
 *
 * The table has, besides the module's own columns: id, owner_user_id, lang, as_of, filename, bytes,
 * file (bytea), created_at.
 */
import type { AuditCtx } from '../audit.js';
import { writeAudit } from '../audit.js';
import { type JobRun, throwIfCancelled } from '../jobs/define.js';
import { runInThread } from '../jobs/threads.js';
import type { PdfDocument } from './document.js';

const RENDERER = new URL('./document.ts', import.meta.url);

/** Renders a document to PDF bytes in a worker thread, so the event loop never waits on it. */
export async function renderPdfInThread(doc: PdfDocument, signal?: AbortSignal): Promise<Buffer> {
  const bytes = await runInThread<Uint8Array>(RENDERER, 'renderPdf', [doc], signal);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export interface PdfJobSpec<B extends { doc: PdfDocument; filename: string }> {
  /** Builds the document data (and whatever the answer needs), as the requester is now. */
  build(): Promise<B>;
  /** The table the file is stored in (a module's constant, never input). */
  table: string;
  /** The module's own columns of the stored row (e.g. kind and scope, or run and firm). */
  columns(built: B): Record<string, unknown>;
  ownerUserId: number | null;
  lang: 'zh' | 'en';
  audit: AuditCtx | undefined;
  /** What the audit row records besides lang, as-of date and size. */
  auditNew(built: B): Record<string, unknown>;
}

export interface StoredPdf<B> {
  built: B;
  id: number;
  asOf: string;
  filename: string;
  bytes: number;
  createdAt: string;
}

export async function runPdfJob<B extends { doc: PdfDocument; filename: string }>(
  job: JobRun,
  spec: PdfJobSpec<B>,
): Promise<StoredPdf<B>> {
  job.progress({ done: 0, total: 2, phase: 'collect' });
  const built = await spec.build();
  throwIfCancelled(job.signal);
  job.progress({ done: 1, total: 2, phase: 'render' });
  const pdf = await renderPdfInThread(built.doc, job.signal);
  throwIfCancelled(job.signal);
  const asOf = built.doc.asOf;
  const own = spec.columns(built);
  const values = [...Object.values(own), spec.ownerUserId, spec.lang, asOf, built.filename, pdf.length, pdf];
  const columns = [...Object.keys(own), 'owner_user_id', 'lang', 'as_of', 'filename', 'bytes', 'file'];
  const row = await job.db.tx(async (tx) => {
    const [r] = await tx.query<{ id: number; created_at: Date }>(
      `insert into ${spec.table} (${columns.join(', ')})
       values (${columns.map((_, i) => `$${i + 1}`).join(', ')}) returning id, created_at`,
      values,
    );
    await writeAudit(tx, spec.audit, {
      entity: spec.table,
      entityId: r!.id,
      action: 'create',
      new: { ...spec.auditNew(built), lang: spec.lang, asOf, bytes: pdf.length },
    });
    return r!;
  });
  job.progress({ done: 2, total: 2, phase: 'done' });
  return {
    built,
    id: row.id,
    asOf,
    filename: built.filename,
    bytes: pdf.length,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
