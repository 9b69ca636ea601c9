/** Service levels, service hours, the working calendar, the quiet period, the SLA sweep and the dashboard. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fieldProblem } from '../../../contracts/errors.js';
import { idParam } from '../../../contracts/limits.js';
import {
  isoDay,
  ZCalendar,
  ZDashboard,
  ZServiceHours,
  ZSlaPolicy,
  ZSlaPolicyInput,
} from '../../../contracts/services.js';
import type { Db } from '../../../db/connect.js';
import { DEFAULT_WINDOWS, dayString, epochDayOf, windowProblems } from '../../../domain/services/calendar.js';
import { invalid } from '../../lib/errors.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { writeAudit } from '../../platform/audit.js';
import { jobsOf } from '../../platform/jobs/index.js';
import { assertMay } from '../../platform/policy/index.js';
import { auditCtxOf, ctxOf } from '../auth/plugin.js';
import { loadCalendar } from './clock.js';
import { dashboard } from './dashboard.js';
import { recomputeJob, sweepJob } from './sla-jobs.js';

const tags = ['Services 企业服务'];
const day = isoDay();

interface SlaRow extends Record<string, unknown> {
  id: number;
  category_code: string | null;
  organisation_id: number | null;
  first_response_minutes: number;
  resolution_minutes: number;
  warn_minutes: number;
  synthetic: boolean;
  version: number;
}
const presentSla = (s: SlaRow) => ({
  id: s.id,
  categoryCode: s.category_code,
  organisationId: s.organisation_id,
  firstResponseMinutes: s.first_response_minutes,
  resolutionMinutes: s.resolution_minutes,
  warnMinutes: s.warn_minutes,
  synthetic: s.synthetic,
  version: s.version,
});

export function registerAdminRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  /** Open tickets' due times depend on targets, hours and the calendar: recompute them in the background. */
  const recompute = (userId: number | null) =>
    jobsOf(db)
      .send(recomputeJob, {}, { ownerUserId: userId, label: 'SLA' })
      .catch(() => undefined);

  r.get(
    '/api/v1/services/sla-policies',
    {
      schema: {
        tags,
        summary: 'Service-level targets per category and organisation, in working minutes',
        response: { 200: z.object({ items: z.array(ZSlaPolicy) }) },
      },
    },
    async () => ({
      items: (
        await db.query<SlaRow>(
          'select * from service_sla_policies order by category_code nulls first, organisation_id nulls first',
        )
      ).map(presentSla),
    }),
  );

  r.post(
    '/api/v1/services/sla-policies',
    {
      config: { right: 'services.configure' },
      schema: {
        tags,
        summary: 'Set the targets of a category and organisation (null: all); replaces the same scope’s targets',
        description:
          'Minutes are working minutes (service hours on China’s working days); a negative or zero time is refused.',
        body: ZSlaPolicyInput,
        response: { 200: ZSlaPolicy, 403: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      assertMay(req, 'services.configure');
      const b = req.body;
      return db
        .tx(async (tx) => {
          if (b.categoryCode !== null) {
            const [c] = await tx.query('select 1 from service_categories where code = $1', [b.categoryCode]);
            if (!c) throw invalid([fieldProblem(['categoryCode'], 'services.unknown_category')]);
          }
          if (b.organisationId !== null) {
            const [o] = await tx.query('select 1 from organisations where id = $1', [b.organisationId]);
            if (!o) throw invalid([fieldProblem(['organisationId'], 'reference_not_found')]);
          }
          if (b.warnMinutes >= Math.max(b.firstResponseMinutes, b.resolutionMinutes))
            throw invalid([fieldProblem(['warnMinutes'], 'services.warn_too_long')]);
          const [old] = await tx.query<SlaRow>(
            `select * from service_sla_policies where coalesce(category_code, '') = coalesce($1, '') and coalesce(organisation_id, 0) = coalesce($2, 0)`,
            [b.categoryCode, b.organisationId],
          );
          const [row] = old
            ? await tx.query<SlaRow>(
                `update service_sla_policies set first_response_minutes = $2, resolution_minutes = $3, warn_minutes = $4, synthetic = false,
                 version = version + 1, updated_at = now() where id = $1 returning *`,
                [old.id, b.firstResponseMinutes, b.resolutionMinutes, b.warnMinutes],
              )
            : await tx.query<SlaRow>(
                `insert into service_sla_policies (category_code, organisation_id, first_response_minutes, resolution_minutes, warn_minutes)
               values ($1, $2, $3, $4, $5) returning *`,
                [b.categoryCode, b.organisationId, b.firstResponseMinutes, b.resolutionMinutes, b.warnMinutes],
              );
          const out = presentSla(row as SlaRow);
          await writeAudit(tx, ctxOf(req), {
            entity: 'service_sla_policies',
            entityId: out.id,
            action: old ? 'update' : 'create',
            old: old ? presentSla(old) : null,
            new: out,
          });
          return out;
        })
        .then(async (out) => {
          await recompute(req.actor?.userId ?? null);
          return out;
        });
    },
  );

  r.get(
    '/api/v1/services/hours',
    {
      schema: {
        tags,
        summary:
          'Service hours of the teams that handle tickets (park butlers, district agencies, the city), Beijing time',
        description: 'A team without its own hours works the default windows (isDefault).',
        response: {
          200: z.object({
            items: z.array(
              ZServiceHours.extend({
                organisationId: z.number(),
                name: z.string(),
                kind: z.string(),
                isDefault: z.boolean(),
              }),
            ),
          }),
          403: ZProblem,
        },
      },
    },
    async (req) => {
      assertMay(req, 'services.configure');
      const rows = await db.query<{
        id: number;
        name: string;
        kind: string;
        windows: { start: string; end: string }[] | null;
      }>(
        `select o.id, o.name, o.kind, h.windows from organisations o left join service_hours h on h.organisation_id = o.id
          where o.kind in ('park_operator', 'district', 'city_bureau') or h.organisation_id is not null
          order by case o.kind when 'city_bureau' then 0 when 'district' then 1 else 2 end, o.name`,
      );
      return {
        items: rows.map((o) => ({
          organisationId: o.id,
          name: o.name,
          kind: o.kind,
          isDefault: !o.windows || o.windows.length === 0,
          windows: o.windows && o.windows.length > 0 ? o.windows : DEFAULT_WINDOWS.map((w) => ({ ...w })),
        })),
      };
    },
  );

  r.put(
    '/api/v1/services/hours/:organisationId',
    {
      config: { right: 'services.configure' },
      schema: {
        tags,
        summary: 'An organisation’s service hours on working days (local time, Asia/Shanghai)',
        params: z.object({ organisationId: idParam() }),
        body: ZServiceHours,
        response: {
          200: ZServiceHours.extend({ organisationId: z.number() }),
          403: ZProblem,
          404: ZProblem,
          422: ZProblem,
        },
      },
    },
    async (req) => {
      assertMay(req, 'services.configure');
      const problems = windowProblems(req.body.windows);
      if (problems.length > 0)
        throw invalid(problems.map((p) => fieldProblem(['windows', p.index, p.key], p.code as never)));
      const id = req.params.organisationId;
      return db
        .tx(async (tx) => {
          const [o] = await tx.query('select 1 from organisations where id = $1', [id]);
          if (!o) throw invalid([fieldProblem(['organisationId'], 'reference_not_found')]);
          const [old] = await tx.query<{ windows: unknown }>(
            'select windows from service_hours where organisation_id = $1',
            [id],
          );
          await tx.query(
            `insert into service_hours (organisation_id, windows) values ($1, $2::jsonb)
           on conflict (organisation_id) do update set windows = excluded.windows, version = service_hours.version + 1, updated_at = now()`,
            [id, JSON.stringify(req.body.windows)],
          );
          await writeAudit(tx, ctxOf(req), {
            entity: 'service_hours',
            entityId: id,
            action: old ? 'update' : 'create',
            old: old ? { windows: old.windows } : null,
            new: { windows: req.body.windows },
          });
          return { organisationId: id, windows: req.body.windows };
        })
        .then(async (out) => {
          await recompute(req.actor?.userId ?? null);
          return out;
        });
    },
  );

  r.get(
    '/api/v1/services/calendar',
    {
      schema: {
        tags,
        summary:
          'China’s working calendar for a year: holidays, 调休 make-up days, overrides, and which years the package covers',
        querystring: z.object({ year: z.coerce.number().int().min(2004).max(2045).default(new Date().getFullYear()) }),
        response: { 200: ZCalendar },
      },
    },
    async (req) => {
      const cal = await loadCalendar(db);
      const y = req.query.year;
      const days = [];
      for (let d = epochDayOf(`${y}-01-01`); d <= epochDayOf(`${y}-12-31`); d++) {
        const s = dayString(d);
        const reason = cal.reason(s);
        if (reason === 'weekday' || reason === 'weekend') continue;
        days.push({ day: s, working: cal.isWorkingDay(d), reason });
      }
      return { coveredYears: cal.coveredYears, package: 'chinese-days', days };
    },
  );

  r.put(
    '/api/v1/services/calendar/:day',
    {
      config: { right: 'services.configure' },
      schema: {
        tags,
        summary: 'Override one day (a year the package has not published yet, or a local exception)',
        params: z.object({ day }),
        body: z.object({
          working: z.boolean(),
          note: z.string().trim().max(200).default(''),
          source: z.string().trim().max(300).default(''),
        }),
        response: { 200: z.object({ day: z.string(), working: z.boolean() }), 403: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      assertMay(req, 'services.configure');
      const d = req.params.day;
      const n = epochDayOf(d);
      if (!Number.isFinite(n) || dayString(n) !== d || d < '2004-01-01' || d > '2045-12-31')
        throw invalid([fieldProblem(['day'], 'out_of_range')]);
      return db
        .tx(async (tx) => {
          const [old] = await tx.query<{ working: boolean }>(
            'select working from service_calendar_days where day = $1',
            [d],
          );
          await tx.query(
            `insert into service_calendar_days (day, working, note, source) values ($1, $2, $3, $4)
           on conflict (day) do update set working = excluded.working, note = excluded.note, source = excluded.source`,
            [d, req.body.working, req.body.note, req.body.source],
          );
          await writeAudit(tx, ctxOf(req), {
            entity: 'service_calendar_days',
            entityId: d,
            action: old ? 'update' : 'create',
            old: old ? { working: old.working } : null,
            new: { ...req.body },
          });
          return { day: d, working: req.body.working };
        })
        .then(async (out) => {
          await recompute(req.actor?.userId ?? null);
          return out;
        });
    },
  );

  r.put(
    '/api/v1/services/settings',
    {
      config: { right: 'services.configure' },
      schema: {
        tags,
        summary:
          'The quiet period: how many days around a visit another agency is warned before visiting the same firm',
        body: z.object({ quietPeriodDays: z.number().int().min(0).max(365) }),
        response: { 200: z.object({ quietPeriodDays: z.number() }), 403: ZProblem },
      },
    },
    async (req) => {
      assertMay(req, 'services.configure');
      return db.tx(async (tx) => {
        const [old] = await tx.query<{ q: number }>('select quiet_period_days as q from service_settings where id = 1');
        await tx.query(
          'update service_settings set quiet_period_days = $1, version = version + 1, updated_at = now() where id = 1',
          [req.body.quietPeriodDays],
        );
        await writeAudit(tx, ctxOf(req), {
          entity: 'service_settings',
          entityId: 1,
          action: 'update',
          old: { quietPeriodDays: old?.q ?? null },
          new: { ...req.body },
        });
        return { quietPeriodDays: req.body.quietPeriodDays };
      });
    },
  );

  r.get(
    '/api/v1/services/settings',
    {
      schema: {
        tags,
        summary: 'The quiet period for visits',
        response: { 200: z.object({ quietPeriodDays: z.number() }) },
      },
    },
    async () => {
      const [s] = await db.query<{ q: number }>('select quiet_period_days as q from service_settings where id = 1');
      return { quietPeriodDays: s?.q ?? 30 };
    },
  );

  r.post(
    '/api/v1/services/sla/sweep',
    {
      config: { right: 'services.configure' },
      schema: {
        tags,
        summary:
          'Queue an SLA sweep now (the app queues one every few minutes): escalates tickets whose targets fall due',
        response: { 202: z.object({ jobId: z.string() }), 403: ZProblem },
      },
    },
    async (req, reply) => {
      const a = assertMay(req, 'services.configure');
      const jobId = await jobsOf(db).send(
        sweepJob,
        { audit: auditCtxOf(req) },
        { ownerUserId: a?.userId ?? null, label: 'SLA' },
      );
      reply.status(202);
      return { jobId };
    },
  );

  r.get(
    '/api/v1/services/dashboard',
    {
      schema: {
        tags,
        summary: 'The agency dashboard: volumes, SLA attainment and satisfaction by service system and park',
        querystring: z.object({ from: day.optional(), to: day.optional() }),
        response: { 200: ZDashboard, 403: ZProblem },
      },
    },
    async (req) => {
      assertMay(req, 'services.dashboard');
      return dashboard(db, req.actor, req.query.from, req.query.to);
    },
  );
}
