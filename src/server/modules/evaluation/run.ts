/**
 * An evaluation run: loads the firms of the area with three years of metrics and their facts, scores
 * them under a published per-mu rule set (in a worker thread), and stores the run and every result
 * with its change_log row in one transaction. Runs as the job 'evaluation.run' (jobs.ts).
 */
import type { TPerMuDocument } from '../../../contracts/evaluation.js';
import type { Db } from '../../../db/connect.js';
import { buildFacts } from '../../../domain/evaluation/fields.js';
import {
  distribution,
  type EvalContext,
  type EvalFirm,
  evaluatePerMu,
  type FirmResult,
} from '../../../domain/evaluation/per-mu.js';
import { AppError, notFound } from '../../lib/errors.js';
import { Sql } from '../../lib/sql.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';
import { runInThread, throwIfCancelled } from '../../platform/jobs/index.js';
import * as repo from './repository.js';

export interface RunInput {
  ruleSetId: number;
  year: number;
  regionCode?: string | null | undefined;
}

export interface RunJob {
  id?: string;
  signal: AbortSignal;
  progress(p: { done: number; total: number; phase: string }): void;
}

/** Firms of the run as the engine takes them: this year's facts and last year's. */
export function toEvalFirms(firms: readonly repo.FirmRow[], year: number): EvalFirm[] {
  return firms.map((f) => ({
    id: f.id,
    group: f.regionCode ?? '',
    facts: buildFacts(f, year, `${year}-12-31`),
    prevFacts: buildFacts(f, year - 1, `${year - 1}-12-31`),
  }));
}

const ENGINE = new URL('../../../domain/evaluation/per-mu.ts', import.meta.url);

export async function runEvaluation(
  db: Db,
  input: RunInput,
  ctx: { audit: AuditCtx; userId: number | null; inline?: boolean },
  job?: RunJob,
) {
  const rs = await repo.getRuleSet(db, input.ruleSetId);
  if (!rs) throw new AppError(422, 'validation_failed', [refused(['ruleSetId'], 'evaluation.unknown_reference')]);
  if (rs.document.kind !== 'per_mu')
    throw new AppError(422, 'validation_failed', [refused(['ruleSetId'], 'evaluation.wrong_kind')]);
  if (rs.status !== 'published')
    throw new AppError(422, 'validation_failed', [refused(['ruleSetId'], 'evaluation.not_published')]);
  if (input.regionCode) {
    const [region] = await db.query('select code from regions where code = $1', [input.regionCode]);
    if (!region)
      throw new AppError(422, 'validation_failed', [refused(['regionCode'], 'evaluation.unknown_reference')]);
  }
  job?.progress({ done: 0, total: 3, phase: 'load' });
  const q = new Sql();
  // The city's own firms only: the outside-city target pool is not assessed.
  const where = `${repo.areaCond(q, input.regionCode)} and ${repo.inCity()}`;
  const firms = await repo.loadFirms(db, q, where, input.year - 2, input.year);
  if (job) throwIfCancelled(job.signal);
  job?.progress({ done: 1, total: 3, phase: 'evaluate' });
  const evalFirms = toEvalFirms(firms, input.year);
  const doc = rs.document as TPerMuDocument;
  // In a worker thread, so a large run never holds the event loop; inline for the demo loader.
  const out = ctx.inline
    ? evaluatePerMu(doc, evalFirms)
    : await runInThread<{ results: FirmResult[]; context: EvalContext }>(
        ENGINE,
        'evaluatePerMu',
        [doc, evalFirms],
        job?.signal,
      );
  job?.progress({ done: 2, total: 3, phase: 'write' });
  const dist = distribution(out.results);
  const runId = await db.tx(async (tx) => {
    const id = await repo.insertRun(tx, {
      ruleSetId: rs.id,
      year: input.year,
      regionCode: input.regionCode ?? null,
      jobId: job?.id ?? null,
      createdBy: ctx.userId,
      assessed: out.results.length - dist.T,
      notAssessed: dist.T,
      distribution: dist,
      context: out.context,
    });
    await repo.insertResults(tx, id, out.results);
    await writeAudit(tx, ctx.audit, {
      entity: 'evaluation_runs',
      entityId: id,
      action: 'create',
      new: {
        ruleSet: `${rs.code} v${rs.version}`,
        year: input.year,
        regionCode: input.regionCode ?? null,
        distribution: dist,
      },
    });
    return id;
  });
  job?.progress({ done: 3, total: 3, phase: 'done' });
  const run = await repo.getRun(db, runId);
  if (!run) throw notFound();
  return run;
}

function refused(
  path: string[],
  code: 'evaluation.unknown_reference' | 'evaluation.wrong_kind' | 'evaluation.not_published',
) {
  const m = {
    'evaluation.unknown_reference':
      path[0] === 'regionCode'
        ? { zh: '行政区划代码不存在', en: 'No such region code' }
        : { zh: '规则集不存在', en: 'No such rule set' },
    'evaluation.wrong_kind': { zh: '须为亩均效益评价规则集', en: 'Must be a per-mu evaluation rule set' },
    'evaluation.not_published': { zh: '规则集须已发布', en: 'The rule set must be published' },
  }[code];
  return { path, code, message: m } as const;
}
