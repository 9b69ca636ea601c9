/**
 * Targets as data (cockpit_targets): a registered figure, a scope, a period, a value and its source
 * document; progress from the figure now, its snapshots as the trend, and a linear forecast to the
 * period end. Every change in one transaction with its change_log row.
 */
import type { z } from 'zod';
import type { TFigure, TTarget, TTargetProgress, ZTargetInput, ZTargetPatch } from '../../../contracts/cockpit.js';
import { type FieldProblem, fieldProblem } from '../../../contracts/errors.js';
import type { Db } from '../../../db/connect.js';
import { linearForecast, type Point, progressOf } from '../../../domain/cockpit/forecast.js';
import { AppError, forbidden, invalid, notFound } from '../../lib/errors.js';
import { Sql } from '../../lib/sql.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';
import { computeFigure, type FigureScope, figureDef } from '../../platform/figures.js';
import { writeScope } from '../../platform/policy/index.js';
import type { Actor } from '../auth/actor.js';
import { day, parseCockpitScope, scopeKey } from './scope.js';

export type TargetInput = z.output<typeof ZTargetInput>;
export type TargetPatch = z.output<typeof ZTargetPatch>;

const SELECT = `select t.*, s.title as source_title, s.url as source_url from cockpit_targets t join sources s on s.id = t.source_id`;

type Row = {
  id: number;
  metric: string;
  scope: string;
  kind: TTarget['kind'];
  label: string;
  label_en: string | null;
  period_start: unknown;
  period_end: unknown;
  value: number;
  unit: string;
  baseline: number | null;
  source_id: string;
  source_title: string | null;
  source_url: string | null;
  note: string | null;
  synthetic: boolean;
  version: number;
};

const toTarget = (r: Row): TTarget => ({
  id: r.id,
  metric: r.metric,
  scope: r.scope,
  kind: r.kind,
  label: r.label,
  labelEn: r.label_en,
  periodStart: day(r.period_start) ?? '',
  periodEnd: day(r.period_end) ?? '',
  value: Number(r.value),
  unit: r.unit,
  baseline: r.baseline === null ? null : Number(r.baseline),
  sourceId: r.source_id,
  sourceTitle: r.source_title,
  sourceUrl: r.source_url,
  note: r.note,
  synthetic: r.synthetic,
  version: r.version,
});

export async function listTargets(db: Db, f: { scope?: string; metric?: string }): Promise<TTarget[]> {
  const q = new Sql();
  const where: string[] = [];
  if (f.scope) where.push(`t.scope = ${q.p(f.scope)}`);
  if (f.metric) where.push(`t.metric = ${q.p(f.metric)}`);
  const rows = await db.query<Row>(
    `${SELECT}${where.length ? ` where ${where.join(' and ')}` : ''} order by t.period_end, t.id`,
    q.params,
  );
  return rows.map(toTarget);
}

export async function getTarget(db: Db, id: number): Promise<TTarget> {
  const [r] = await db.query<Row>(`${SELECT} where t.id = $1`, [id]);
  if (!r) throw notFound();
  return toTarget(r);
}

/** Every problem of a target at once: metric, scope, period, source. */
async function problems(db: Db, t: TargetInput): Promise<FieldProblem[]> {
  const out: FieldProblem[] = [];
  const def = figureDef(t.metric);
  if (!def) out.push(fieldProblem(['metric'], 'cockpit.unknown_metric', { zh: t.metric, en: t.metric }));
  else if (!def.targetable) out.push(fieldProblem(['metric'], 'cockpit.not_targetable'));
  let scope: FigureScope | null = null;
  try {
    scope = parseCockpitScope(t.scope);
  } catch (e) {
    if (e instanceof AppError) out.push(...(e.errors ?? []));
    else throw e;
  }
  if (scope && def && !def.scopes.includes(scope.kind)) out.push(fieldProblem(['scope'], 'cockpit.scope_unsupported'));
  if (scope?.kind === 'park') {
    const [p] = await db.query('select 1 from parks where id = $1', [scope.id]);
    if (!p) out.push(fieldProblem(['scope'], 'reference_not_found'));
  }
  if (scope?.kind === 'district') {
    const [r] = await db.query(`select 1 from regions where code = $1 and level = 'district'`, [scope.code]);
    if (!r) out.push(fieldProblem(['scope'], 'reference_not_found'));
  }
  if (t.periodEnd < t.periodStart) out.push(fieldProblem(['periodEnd'], 'cockpit.period_order'));
  const [s] = await db.query('select 1 from sources where id = $1', [t.sourceId]);
  if (!s) out.push(fieldProblem(['sourceId'], 'reference_not_found'));
  return out;
}

/** Whether the actor may change a target of this scope (the policy's write scope, as SQL on t). */
async function mayWrite(db: Db, a: Actor | undefined, scope: string): Promise<boolean> {
  if (!a) return true;
  const q = new Sql();
  const cond = writeScope(a, 'cockpit-targets', q);
  if (cond === false) return false;
  if (cond === null) return true;
  const [r] = await db.query(`select 1 from (select ${q.p(scope)}::text as scope) t where ${cond}`, q.params);
  return !!r;
}

const auditValues = (t: TargetInput | TTarget) => ({
  metric: t.metric,
  scope: t.scope,
  kind: t.kind,
  label: t.label,
  periodStart: t.periodStart,
  periodEnd: t.periodEnd,
  value: t.value,
  unit: t.unit,
  baseline: t.baseline ?? null,
  sourceId: t.sourceId,
});

export async function createTarget(
  db: Db,
  input: TargetInput,
  actor: Actor | undefined,
  ctx: AuditCtx,
): Promise<TTarget> {
  const scope = scopeKey(parseCockpitScope(input.scope));
  const t = { ...input, scope };
  const p = await problems(db, t);
  if (p.length) throw invalid(p);
  if (!(await mayWrite(db, actor, scope))) throw forbidden();
  const id = await db.tx(async (tx) => {
    const [r] = await tx.query<{ id: number }>(
      `insert into cockpit_targets (metric, scope, kind, label, label_en, period_start, period_end, value, unit, baseline,
         source_id, note, synthetic)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
      [
        t.metric,
        t.scope,
        t.kind,
        t.label,
        t.labelEn ?? null,
        t.periodStart,
        t.periodEnd,
        t.value,
        t.unit,
        t.baseline ?? null,
        t.sourceId,
        t.note ?? null,
        t.synthetic,
      ],
    );
    await writeAudit(tx, ctx, { entity: 'cockpit_targets', entityId: r!.id, action: 'create', new: auditValues(t) });
    return r!.id;
  });
  return getTarget(db, id);
}

export async function updateTarget(
  db: Db,
  id: number,
  patch: TargetPatch,
  actor: Actor | undefined,
  ctx: AuditCtx,
): Promise<TTarget> {
  const before = await getTarget(db, id);
  const { version, ...rest } = patch;
  const merged: TargetInput = {
    ...before,
    labelEn: before.labelEn,
    ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
  } as TargetInput;
  merged.scope = scopeKey(parseCockpitScope(merged.scope));
  const p = await problems(db, merged);
  if (p.length) throw invalid(p);
  if (!(await mayWrite(db, actor, before.scope)) || !(await mayWrite(db, actor, merged.scope))) throw forbidden();
  await db.tx(async (tx) => {
    const rows = await tx.query(
      `update cockpit_targets set metric = $2, scope = $3, kind = $4, label = $5, label_en = $6, period_start = $7,
         period_end = $8, value = $9, unit = $10, baseline = $11, source_id = $12, note = $13, synthetic = $14,
         version = version + 1, updated_at = now()
       where id = $1 and version = $15 returning id`,
      [
        id,
        merged.metric,
        merged.scope,
        merged.kind,
        merged.label,
        merged.labelEn ?? null,
        merged.periodStart,
        merged.periodEnd,
        merged.value,
        merged.unit,
        merged.baseline ?? null,
        merged.sourceId,
        merged.note ?? null,
        merged.synthetic,
        version,
      ],
    );
    if (rows.length === 0) throw new AppError(409, 'stale_version');
    await writeAudit(tx, ctx, {
      entity: 'cockpit_targets',
      entityId: id,
      action: 'update',
      old: auditValues(before),
      new: auditValues(merged),
    });
  });
  return getTarget(db, id);
}

export async function deleteTarget(db: Db, id: number, actor: Actor | undefined, ctx: AuditCtx): Promise<void> {
  const before = await getTarget(db, id);
  if (!(await mayWrite(db, actor, before.scope))) throw forbidden();
  await db.tx(async (tx) => {
    await tx.query('delete from cockpit_targets where id = $1', [id]);
    await writeAudit(tx, ctx, { entity: 'cockpit_targets', entityId: id, action: 'delete', old: auditValues(before) });
  });
}

/** A target with its figure now, trend, forecast — withheld as the figure is for the actor. */
export async function targetProgress(
  db: Db,
  t: TTarget,
  actor: Actor | undefined,
  on: string,
  /** Figures already computed for this reader, by `metric|scope` (the cockpit's own): not computed again. */
  known?: ReadonlyMap<string, TFigure>,
): Promise<TTargetProgress> {
  const def = figureDef(t.metric);
  const none = {
    ...t,
    figureLabel: def?.label ?? null,
    figureUnit: def?.unit ?? null,
    current: null,
    currentAsOf: null,
    progress: null,
    trend: [],
    forecast: null,
    onTrack: null,
    link: null,
    redacted: false,
  };
  if (!def) return none;
  const scope = parseCockpitScope(t.scope);
  const fig = known?.get(`${t.metric}|${t.scope}`) ?? (await computeFigure(db, def, scope, actor));
  if (fig.redacted) return { ...none, redacted: true };
  const snaps = await db.query<{ on_date: unknown; value: number }>(
    `select on_date, value from cockpit_figure_snapshots where metric = $1 and scope = $2 and on_date between $3 and $4
      order by on_date`,
    [t.metric, t.scope, t.periodStart, t.periodEnd],
  );
  const trend: Point[] = snaps.map((s) => ({ on: day(s.on_date) ?? '', value: Number(s.value) }));
  const points: Point[] = [];
  if (t.baseline !== null) points.push({ on: t.periodStart, value: t.baseline });
  points.push(...trend.filter((p) => p.on !== on));
  if (fig.value !== null && on >= t.periodStart)
    points.push({ on: on > t.periodEnd ? t.periodEnd : on, value: fig.value });
  const forecast = t.kind === 'target' && points.length >= 2 ? linearForecast(points, t.periodEnd) : null;
  const rounded = forecast === null ? null : Math.round(forecast * 100) / 100;
  return {
    ...none,
    current: fig.value,
    currentAsOf: fig.asOf,
    progress: progressOf(fig.value, t.value, t.kind === 'target' ? t.baseline : null),
    trend,
    forecast: rounded,
    onTrack: rounded === null ? null : t.value >= (t.baseline ?? 0) ? rounded >= t.value : rounded <= t.value,
    link: fig.link,
  };
}

/** Records today's value of every figure some target follows (the system's full value; readers redact). */
export async function snapshotTargets(db: Db, on: string, ctx: AuditCtx, metric?: string): Promise<number> {
  const pairs = await db.query<{ metric: string; scope: string }>(
    'select distinct metric, scope from cockpit_targets where $1::text is null or metric = $1 order by metric, scope',
    [metric ?? null],
  );
  const values: { metric: string; scope: string; value: number }[] = [];
  for (const p of pairs) {
    const def = figureDef(p.metric);
    if (!def) continue;
    const f = await computeFigure(db, def, parseCockpitScope(p.scope), undefined);
    if (f.value !== null) values.push({ metric: p.metric, scope: p.scope, value: f.value });
  }
  if (values.length === 0) return 0;
  await db.tx(async (tx) => {
    await tx.query(
      `insert into cockpit_figure_snapshots (metric, scope, on_date, value)
       select r.metric, r.scope, $2::date, r.value from jsonb_to_recordset($1::jsonb) as r(metric text, scope text, value double precision)
       on conflict (metric, scope, on_date) do update set value = excluded.value`,
      [JSON.stringify(values), on],
    );
    await writeAudit(
      tx,
      ctx,
      values.map((v) => ({
        entity: 'cockpit_figure_snapshots',
        entityId: `${v.metric}|${v.scope}|${on}`,
        action: 'update' as const,
        new: { value: v.value },
      })),
    );
  });
  return values.length;
}
