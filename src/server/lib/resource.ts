/**
 * A resource is one table behind a REST collection: list (filters, search, sort, paging), read,
 * create, update (optimistic version check) and delete, all described by one spec so that every
 * registry entity behaves the same and the next module adds a spec, not a copy.
 */

import { z } from 'zod';
import { type FieldProblem, fieldProblem } from '../../contracts/errors.js';
import { INT32_MAX, int32 } from '../../contracts/limits.js';
import type { Db } from '../../db/connect.js';
import { GRAM_MARK, normalizeQuery, type SearchQuery } from '../../domain/search/index.js';
import type { Actor } from '../modules/auth/actor.js';
import { writeAudit } from '../platform/audit.js';
import { mayCreateOutsideScope, readScope, redact, writeScope } from '../platform/policy/index.js';
import { AppError, forbidden, invalid, notFound } from './errors.js';
import { likeEscape, present, Sql, snake } from './sql.js';

export interface Filter {
  schema: z.ZodType;
  where: (q: Sql, value: never) => string;
}

type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface ResourceSpec<I extends AnyObject = AnyObject> {
  /** URL segment under /api/v1, e.g. 'parks'. */
  name: string;
  table: string;
  /** OpenAPI tag. */
  tag: string;
  input: I;
  output: AnyObject;
  /** SELECT … FROM … producing output columns (snake_case); the main table is aliased `t`. */
  select: string;
  filters?: Record<string, Filter>;
  /** API sort key → SQL expression. */
  sort: Record<string, string>;
  defaultSort: string;
  /** Columns searched by `q` (case-insensitive substring, ILIKE: for small tables). */
  search?: string[];
  /**
   * The search-keys column (src/domain/search/keys.ts) that serves `q` instead, through its trigram
   * index (migration 0002): a name fragment, an alias, pinyin, initials or a code, folded as the
   * search box folds them. Takes precedence over `search`.
   */
  searchKeys?: string;
  /** Input fields that reference another table: field → [table, column]. */
  refs?: Record<string, [string, string]>;
  jsonColumns?: string[];
  /** Extra validation on the complete (merged) input; returns every problem found. */
  check?: (input: z.output<I>, db: Db, existingId?: number) => Promise<FieldProblem[]>;
  /** Maps validated input to column values; default: every input field, snake_cased. */
  toColumns?: (input: Partial<z.output<I>>, db: Db) => Promise<Record<string, unknown>> | Record<string, unknown>;
}

/** Types a spec by its input schema, then erases the type so specs can live in one list. */
export function defineResource<I extends AnyObject>(spec: ResourceSpec<I>): ResourceSpec {
  return spec as unknown as ResourceSpec;
}

export const ZListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(INT32_MAX).default(0),
  sort: z.string().max(64).optional().describe('Field to sort by; prefix with - for descending'),
  q: z.string().trim().max(100).optional().describe('Search text (substring of name or aliases)'),
});

export const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

/** A PATCH body: every field optional, defaults removed (so absent fields stay unchanged). */
export function patchOf<I extends AnyObject>(input: I) {
  const shape: Record<string, z.ZodType> = {};
  for (const [k, v] of Object.entries(input.shape)) {
    let s = v as z.ZodType;
    while (s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
    shape[k] = s.optional();
  }
  return z.object(shape).extend({ version: int32().positive().describe('Version the update is based on') });
}

export function listQueryOf(spec: ResourceSpec) {
  const extra: Record<string, z.ZodType> = {};
  for (const [k, f] of Object.entries(spec.filters ?? {})) extra[k] = f.schema.optional();
  return ZListQuery.extend(extra);
}

/**
 * The LIKE pattern finding a list's `q` in search keys through their trigram index: one or two
 * Chinese characters are looked up as the marked chunks the keys carry for them (a trigram index
 * needs three characters; 江丰 is the one trigram 'v江丰'); anything else as a substring, as before.
 */
export function keysPattern(sq: SearchQuery): string {
  const e = likeEscape(sq.text);
  const n = [...sq.text].length;
  const allHan = /^\p{Script=Han}+$/u.test(sq.text);
  if (allHan && n === 1) return `% ${GRAM_MARK}${e}%`;
  if (allHan && n === 2) return `%${GRAM_MARK}${e}%`;
  return `%${e}%`;
}

/** WHERE clause of a list query (filters and search), with its parameters in q. */
function whereOf(spec: ResourceSpec, query: Record<string, unknown>, q: Sql): string {
  const where: string[] = [];
  for (const [k, f] of Object.entries(spec.filters ?? {})) {
    const v = query[k];
    if (v !== undefined && v !== null && v !== '') where.push(f.where(q, v as never));
  }
  const raw = typeof query.q === 'string' ? query.q : '';
  if (spec.searchKeys) {
    const sq = normalizeQuery(raw);
    if (sq.text) where.push(`${spec.searchKeys} like ${q.p(keysPattern(sq))}`);
    return where.length ? `where ${where.join(' and ')}` : '';
  }
  const text = raw.trim().normalize('NFKC').toLowerCase();
  if (text && spec.search?.length) {
    const ph = q.p(`%${likeEscape(text)}%`);
    where.push(`(${spec.search.map((c) => `${c} ilike ${ph}`).join(' or ')})`);
  }
  return where.length ? `where ${where.join(' and ')}` : '';
}

function orderOf(spec: ResourceSpec, query: Record<string, unknown>): string {
  const sortKey = typeof query.sort === 'string' && query.sort ? query.sort : spec.defaultSort;
  const desc = sortKey.startsWith('-');
  const key = desc ? sortKey.slice(1) : sortKey;
  // Own keys only: `__proto__`, `constructor` or `toString` must not reach the SQL as "expressions".
  const expr = Object.hasOwn(spec.sort, key) ? spec.sort[key] : undefined;
  if (typeof expr !== 'string') {
    throw invalid([
      fieldProblem(['query', 'sort'], 'invalid_value', {
        zh: `可选：${Object.keys(spec.sort).join('、')}`,
        en: `one of ${Object.keys(spec.sort).join(', ')}`,
      }),
    ]);
  }
  return `order by ${expr} ${desc ? 'desc' : 'asc'} nulls last, t.id`;
}

/** Who is asking (absent for the CLI, the importer and the demo loader, which act as the system). */
export interface Ctx {
  actor?: Actor | undefined;
  ip?: string | undefined;
  via?: string | undefined;
  /**
   * When the change is recorded as made (ISO timestamp); default now. Only the demo loader sets it, to
   * replay a history with its own dates through the use cases.
   */
  at?: string | undefined;
}

function scoped(spec: ResourceSpec, ctx: Ctx | undefined, q: Sql): string | null {
  return ctx?.actor ? readScope(ctx.actor, spec.name, q) : null;
}

const andWhere = (where: string, cond: string | null) =>
  cond ? (where ? `${where} and ${cond}` : `where ${cond}`) : where;

export async function listResource(db: Db, spec: ResourceSpec, query: Record<string, unknown>, ctx?: Ctx) {
  const q = new Sql();
  const where = andWhere(whereOf(spec, query, q), scoped(spec, ctx, q));
  const base = `select * from (${spec.select}) t ${where}`;
  const order = orderOf(spec, query);
  const limit = Number(query.limit ?? 50);
  const offset = Number(query.offset ?? 0);
  const countParams = [...q.params];
  const rows = await db.query(`${base} ${order} limit ${q.p(limit)} offset ${q.p(offset)}`, q.params);
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>(`select count(*)::int as n from (${base}) c`, countParams);
  return {
    items: rows.map((r) => redact(ctx?.actor, spec.name, present<Record<string, unknown>>(r))),
    total: n,
    limit,
    offset,
  };
}

/** Ids of every row a list query selects, in its order (for exports of a filtered view). */
export async function listIds(
  db: Db,
  spec: ResourceSpec,
  query: Record<string, unknown>,
  ctx?: Ctx,
): Promise<number[]> {
  const q = new Sql();
  const where = andWhere(whereOf(spec, query, q), scoped(spec, ctx, q));
  const rows = await db.query<{ id: number }>(
    `select t.id from (${spec.select}) t ${where} ${orderOf(spec, query)}`,
    q.params,
  );
  return rows.map((r) => r.id);
}

/** One row; 404 when it does not exist or lies outside the actor's scope (the two look the same). */
export async function getResource(db: Db, spec: ResourceSpec, id: number, ctx?: Ctx) {
  const q = new Sql();
  const idp = q.p(id);
  const rows = await db.query(
    `select * from (${spec.select}) t ${andWhere(`where t.id = ${idp}`, scoped(spec, ctx, q))}`,
    q.params,
  );
  if (!rows[0]) throw notFound();
  return redact(ctx?.actor, spec.name, present<Record<string, unknown>>(rows[0]));
}

/** Throws 403 unless the row is one the actor may change (or 404 if it may not even see it). */
export async function assertWritable(db: Db, spec: ResourceSpec, id: number, ctx: Ctx | undefined): Promise<void> {
  const actor = ctx?.actor;
  if (!actor) return;
  const q = new Sql();
  const cond = writeScope(actor, spec.name, q);
  if (cond === false) throw forbidden();
  if (cond === null) return;
  const idp = q.p(id);
  const ok = await db.query(`select 1 from (${spec.select}) t where t.id = ${idp} and ${cond}`, q.params);
  if (ok.length === 0) throw forbidden();
}

async function audit(
  db: Db,
  spec: ResourceSpec,
  id: number,
  action: 'create' | 'update' | 'delete',
  old: Record<string, unknown> | null,
  now: Record<string, unknown> | null,
  ctx?: Ctx,
) {
  await writeAudit(db, ctx, { entity: spec.table, entityId: id, action, old, new: now });
}

const inputFields = (spec: ResourceSpec, row: Record<string, unknown>) =>
  Object.fromEntries(Object.keys(spec.input.shape).map((k) => [k, row[k] ?? null]));

async function checkRefs(db: Db, spec: ResourceSpec, input: Record<string, unknown>): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  for (const [field, [table, column]] of Object.entries(spec.refs ?? {})) {
    const v = input[field];
    if (v === undefined || v === null) continue;
    const found = await db.query(`select 1 from ${table} where ${column} = $1`, [v]);
    if (found.length === 0)
      problems.push(fieldProblem([field], 'reference_not_found', { zh: String(v), en: String(v) }));
  }
  return problems;
}

function columnsOf(spec: ResourceSpec, input: Record<string, unknown>): Record<string, unknown> {
  const cols: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (k === 'version' || v === undefined) continue;
    const col = snake(k);
    cols[col] = spec.jsonColumns?.includes(col) ? JSON.stringify(v) : v;
  }
  return cols;
}

/**
 * The reference and domain problems of a body that also failed its schema, so a form learns every
 * problem in one round: fields that parse on their own are checked, the rest are left to the schema.
 */
export async function looseDomainProblems(
  db: Db,
  spec: ResourceSpec,
  body: unknown,
  id?: number,
): Promise<FieldProblem[]> {
  if (!body || typeof body !== 'object') return [];
  const raw = body as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  const good: Record<string, unknown> = {};
  let current: Record<string, unknown> = {};
  if (id !== undefined) current = await getResource(db, spec, id).catch(() => ({}));
  for (const [k, schema] of Object.entries(spec.input.shape)) {
    const has = k in raw;
    const r = (schema as z.ZodType).safeParse(has ? raw[k] : id !== undefined ? current[k] : undefined);
    if (r.success) {
      fields[k] = r.data;
      if (has) good[k] = r.data;
    }
  }
  try {
    const problems = [...(await checkRefs(db, spec, good)), ...((await spec.check?.(fields as never, db, id)) ?? [])];
    return problems.filter((p) => p.path.length > 0 && (String(p.path[0]) in good || id === undefined));
  } catch {
    return []; // a check that needs a field the schema rejected: the schema's message stands
  }
}

export async function createResource(db: Db, spec: ResourceSpec, input: Record<string, unknown>, ctx?: Ctx) {
  const actor = ctx?.actor;
  if (actor && writeScope(actor, spec.name, new Sql()) === false) throw forbidden();
  return db.tx(async (t) => {
    const problems = [...(await checkRefs(t, spec, input)), ...((await spec.check?.(input as never, t)) ?? [])];
    if (problems.length) throw invalid(problems);
    const cols = spec.toColumns ? columnsOf(spec, await spec.toColumns(input as never, t)) : columnsOf(spec, input);
    const q = new Sql();
    const names = Object.keys(cols);
    const values = names.map((n) => `${q.p(cols[n])}${spec.jsonColumns?.includes(n) ? '::jsonb' : ''}`);
    const [row] = await t.query<{ id: number }>(
      `insert into ${spec.table} (${names.join(', ')}) values (${values.join(', ')}) returning id`,
      q.params,
    );
    const id = row!.id;
    if (actor && !mayCreateOutsideScope(actor, spec.name)) await assertWritable(t, spec, id, ctx);
    const created = await getResource(t, spec, id);
    if (ctx) await audit(t, spec, id, 'create', null, inputFields(spec, created), ctx);
    return redact(actor, spec.name, created);
  });
}

export async function updateResource(
  db: Db,
  spec: ResourceSpec,
  id: number,
  patch: Record<string, unknown>,
  ctx?: Ctx,
) {
  return db.tx(async (t) => {
    await getResource(t, spec, id, ctx); // 404 outside the read scope
    await assertWritable(t, spec, id, ctx);
    const current = await getResource(t, spec, id);
    const { version, ...changes } = patch;
    if (typeof version !== 'number') throw invalid([fieldProblem(['version'], 'version_required')]);
    if (current.version !== version) {
      throw new AppError(409, 'stale_version', [], { current: redact(ctx?.actor, spec.name, current) });
    }
    const merged: Record<string, unknown> = {};
    for (const k of Object.keys(spec.input.shape)) merged[k] = k in changes ? changes[k] : current[k];
    const problems = [...(await checkRefs(t, spec, changes)), ...((await spec.check?.(merged as never, t, id)) ?? [])];
    if (problems.length) throw invalid(problems);
    const cols = spec.toColumns ? columnsOf(spec, await spec.toColumns(merged as never, t)) : columnsOf(spec, changes);
    const q = new Sql();
    const sets = Object.entries(cols).map(
      ([c, v]) => `${c} = ${q.p(v)}${spec.jsonColumns?.includes(c) ? '::jsonb' : ''}`,
    );
    const done = await t.query(
      `update ${spec.table} set ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
       where id = ${q.p(id)} and version = ${q.p(version)} returning id`,
      q.params,
    );
    if (done.length === 0)
      throw new AppError(409, 'stale_version', [], { current: await getResource(t, spec, id, ctx) });
    await assertWritable(t, spec, id, ctx); // a change must not move the row out of the actor's scope
    const updated = await getResource(t, spec, id);
    if (ctx) {
      const before = inputFields(spec, current);
      const after = inputFields(spec, updated);
      const changed = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      await audit(
        t,
        spec,
        id,
        'update',
        Object.fromEntries(changed.map((k) => [k, before[k]])),
        Object.fromEntries(changed.map((k) => [k, after[k]])),
        ctx,
      );
    }
    return redact(ctx?.actor, spec.name, updated);
  });
}

export async function deleteResource(db: Db, spec: ResourceSpec, id: number, ctx?: Ctx) {
  await db.tx(async (t) => {
    await getResource(t, spec, id, ctx);
    await assertWritable(t, spec, id, ctx);
    const old = await getResource(t, spec, id);
    const rows = await t.query(`delete from ${spec.table} where id = $1 returning id`, [id]);
    if (rows.length === 0) throw notFound();
    if (ctx) await audit(t, spec, id, 'delete', inputFields(spec, old), null, ctx);
  });
}
