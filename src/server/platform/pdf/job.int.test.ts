import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import type { JobProgress, JobRun } from '../jobs/define.js';
import type { PdfDocument } from './document.js';
import { type PdfJobSpec, runPdfJob } from './job.js';

const doc = (asOf: string): PdfDocument => ({
  title: '测试报告 Test report',
  asOf,
  lang: 'zh',
  watermark: { name: 'tester', at: '2026-12-07T08:00:00Z' },
  blocks: [{ kind: 'paragraph', text: '示例 / Synthetic' }],
});

describe.each(ENGINES)('[$name] a PDF report job (platform/pdf/job)', (engine) => {
  let t: TestDb;
  const jobOf = (signal: AbortSignal, phases: JobProgress[]): JobRun => ({
    id: 'test',
    db: t.db,
    signal,
    progress: (p) => phases.push(p),
  });
  type Built = { doc: PdfDocument; filename: string; topic: string };
  const spec = (topic: string): PdfJobSpec<Built> => ({
    build: async (): Promise<Built> => ({ doc: doc('2026-11-30'), filename: `${topic}.pdf`, topic }),
    table: 'pdf_job_test',
    columns: (b) => ({ topic: b.topic }),
    ownerUserId: null,
    lang: 'zh',
    audit: { via: 'test' },
    auditNew: (b) => ({ topic: b.topic }),
  });

  beforeAll(async () => {
    t = await engine.create();
    await t.db.query(`create table pdf_job_test (id serial primary key, topic text not null, owner_user_id int,
      lang text not null, as_of date not null, filename text not null, bytes int not null, file bytea not null,
      created_at timestamptz not null default now())`);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('builds, renders off the event loop, stores the file with its audit row, and reports each step', async () => {
    const phases: JobProgress[] = [];
    const r = await runPdfJob(jobOf(new AbortController().signal, phases), spec('a'));
    expect(phases.map((p) => p.phase)).toEqual(['collect', 'render', 'done']);
    expect(r).toMatchObject({ asOf: '2026-11-30', filename: 'a.pdf', built: { topic: 'a' } });
    const [row] = await t.db.query<{ topic: string; as_of: string; bytes: number; file: Uint8Array }>(
      'select topic, as_of::text, bytes, file from pdf_job_test where id = $1',
      [r.id],
    );
    expect(row).toMatchObject({ topic: 'a', as_of: '2026-11-30', bytes: r.bytes });
    expect(Buffer.from(row!.file).subarray(0, 5).toString()).toBe('%PDF-');
    expect(row!.file.length).toBe(r.bytes);
    const [audit] = await t.db.query<{ new_values: unknown }>(
      `select new_values from change_log where entity = 'pdf_job_test' and entity_id = $1`,
      [String(r.id)],
    );
    expect(audit?.new_values).toEqual({ topic: 'a', lang: 'zh', asOf: '2026-11-30', bytes: r.bytes });
  });

  it('stores nothing when the job is cancelled', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(runPdfJob(jobOf(ac.signal, []), spec('cancelled'))).rejects.toThrow();
    expect(await t.db.query(`select id from pdf_job_test where topic = 'cancelled'`)).toEqual([]);
  });
});
