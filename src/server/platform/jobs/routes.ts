/**
 * The jobs API: a user sees, cancels and retries its own jobs; a city administrator every job. Who
 * sees all and who may change follow the rights `jobsAll` and `jobsManage` the web's job page reads.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fieldProblem } from '../../../contracts/errors.js';
import { ZJob } from '../../../contracts/jobs.js';
import type { Db } from '../../../db/connect.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { FEATURES } from '../policy/features.js';
import { jobsOf, toWire } from './index.js';
import type { JobView } from './queue.js';

const tags = ['Jobs 后台任务'];
const ZParams = z.object({ id: z.uuid().describe('Job id') });
const seesAll = (req: FastifyRequest) => req.system || (req.actor !== undefined && FEATURES.jobsAll(req.actor));

/** Jobs of others are 404, like any record outside the reader's scope. */
function visible(req: FastifyRequest, v: JobView | null): JobView {
  if (!v || !(seesAll(req) || (req.actor && v.ownerUserId === req.actor.userId))) throw notFound();
  return v;
}

/** Who may not read jobs at all (the public viewer) is refused before its input is looked at. */
async function mayRead(req: FastifyRequest): Promise<void> {
  if (req.actor && !FEATURES.jobs(req.actor)) throw forbidden();
}

export function registerJobRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/jobs',
    {
      schema: {
        tags,
        summary: 'Recent jobs, newest first: your own (a city administrator: everyone’s, or ?mine=true)',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          mine: z.enum(['true', 'false']).default('false'),
        }),
        response: { 200: z.object({ items: z.array(ZJob) }), 403: ZProblem },
      },
      preValidation: mayRead,
    },
    async (req) => {
      const own = !seesAll(req) || req.query.mine === 'true' ? (req.actor?.userId ?? -1) : null;
      const jobs = await jobsOf(db).list(own, req.query.limit);
      const ids = [...new Set(jobs.map((j) => j.ownerUserId).filter((id) => id !== null))];
      const names = new Map(
        ids.length
          ? (
              await db.query<{ id: number; username: string }>('select id, username from users where id = any($1)', [
                ids,
              ])
            ).map((u) => [u.id, u.username])
          : [],
      );
      return {
        items: jobs.map((j) => ({
          ...toWire(j),
          ownerName: j.ownerUserId === null ? null : (names.get(j.ownerUserId) ?? null),
        })),
      };
    },
  );

  r.get(
    '/api/v1/jobs/:id',
    {
      schema: {
        tags,
        summary: 'A job: state, progress (done / total), result once completed, or why it failed',
        params: ZParams,
        response: { 200: ZJob, 403: ZProblem, 404: ZProblem },
      },
      preValidation: mayRead,
    },
    async (req) => toWire(visible(req, await jobsOf(db).get(req.params.id))),
  );

  // before validation too: a viewer or a read-only token gets 403 whatever it sends
  const mayChange = async (req: FastifyRequest) => {
    if (req.actor && !FEATURES.jobsManage(req.actor)) throw forbidden();
  };
  const conflict = (zh: string, en: string) =>
    new AppError(409, 'job_state', [fieldProblem(['id'], 'job_state', { zh, en })]);

  r.post(
    '/api/v1/jobs/:id/cancel',
    {
      config: { right: 'jobsManage' },
      schema: {
        tags,
        summary: 'Cancel a queued or running job (a running one stops within a second and writes nothing)',
        params: ZParams,
        response: { 200: ZJob, 403: ZProblem, 404: ZProblem, 409: ZProblem },
      },
      preValidation: mayChange,
    },
    async (req) => {
      const q = jobsOf(db);
      const v = visible(req, await q.get(req.params.id));
      if (v.state !== 'queued' && v.state !== 'running')
        throw conflict('任务已结束，无法取消', 'the job has already ended');
      return toWire(visible(req, await q.cancel(v.id)));
    },
  );

  r.post(
    '/api/v1/jobs/:id/retry',
    {
      config: { right: 'jobsManage' },
      schema: {
        tags,
        summary: 'Run a failed or cancelled job again, with the same input',
        params: ZParams,
        response: { 200: ZJob, 403: ZProblem, 404: ZProblem, 409: ZProblem },
      },
      preValidation: mayChange,
    },
    async (req) => {
      const q = jobsOf(db);
      const v = visible(req, await q.get(req.params.id));
      if (v.state !== 'failed' && v.state !== 'cancelled')
        throw conflict('只能重试失败或已取消的任务', 'only a failed or cancelled job can be retried');
      if (v.error && v.error.status < 500)
        throw conflict(
          '该任务因输入问题被拒绝，重试结果相同；请修正后重新提交',
          'the job was refused for its input; a retry would be refused again: fix it and start anew',
        );
      return toWire(visible(req, await q.retry(v.id)));
    },
  );
}
