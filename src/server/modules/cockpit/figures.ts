/**
 * The cockpit's figures over the modules on main today — registry, chains, investment, conferences —
 * declared here (ModuleManifest.figures of the cockpit) and computed through those modules' exported
 * functions. Later modules declare their own figures in their own manifests (see platform/figures.ts).
 */
import { ORIGIN_REGIONS, PIPELINE_STAGES, type ProjectStage } from '../../../contracts/invest.js';
import type { Db } from '../../../db/connect.js';
import { aggregateResults, type ResultRow } from '../../../domain/invest/results.js';
import { Sql } from '../../lib/sql.js';
import {
  FIGURE_SCOPE_KINDS,
  type FigureDef,
  type FigurePart,
  type FigureScope,
  type FigureValue,
  newestDay,
  scopedFigure,
  scopeEnterpriseParts,
} from '../../platform/figures.js';
import { FEATURES, redactFigures } from '../../platform/policy/index.js';
import type { Actor } from '../auth/actor.js';
import { analyse } from '../chains/analysis.js';
import { currentTemplates } from '../chains/templates-store.js';
import { PROJECT_SELECT, projectReadScope } from '../invest/repository.js';
import { freshnessFigure } from './freshness-figure.js';
import { chainScope, day, listQuery, parksIn, scopeKey } from './scope.js';

const ALL = FIGURE_SCOPE_KINDS;
const q1 = (s: string) => (s ? `?${s}` : '');

/** The chain health of a scope, with money figures removed for those who may not see firms' figures. */
async function chainHealthOf(db: Db, s: FigureScope, a: Actor | undefined) {
  const templates = await currentTemplates(db);
  const out = await analyse(db, templates, chainScope(s), {});
  return !a || FEATURES.seeFigures(a) ? out.health : redactFigures(out.health);
}

// The four chain figures of one cockpit call share one analysis: memoised per actor object (one per
// request) and scope, for a few seconds.
type Memo = Map<string, { at: number; p: ReturnType<typeof chainHealthOf> }>;
const MEMO = new WeakMap<Db, WeakMap<object, Memo>>();
const SYSTEM = {};
function chainHealth(db: Db, s: FigureScope, a: Actor | undefined) {
  const owner = a ?? SYSTEM;
  const byActor = MEMO.get(db) ?? new WeakMap<object, Memo>();
  MEMO.set(db, byActor);
  const m: Memo = byActor.get(owner) ?? new Map();
  byActor.set(owner, m);
  const k = JSON.stringify(s);
  const hit = m.get(k);
  if (hit && Date.now() - hit.at < 5000) return hit.p;
  const p = chainHealthOf(db, s, a);
  m.set(k, { at: Date.now(), p });
  p.catch(() => m.delete(k));
  return p;
}

const chainLink = (s: FigureScope) => `/chains${s.kind === 'city' ? '' : `?scope=${scopeKey(s)}`}`;

async function chainAsOf(db: Db): Promise<string | null> {
  const [r] = await db.query<{ d: unknown }>(
    `select greatest((select max(created_at) from chain_templates), (select max(as_of) from supply_links)) as d`,
  );
  return day(r?.d);
}

/**
 * Each firm's latest known output (万元): the newest year with an output, as the other output figures
 * take it — a firm whose latest year has only its revenue still counts with the year before.
 */
async function latestOutputs(db: Db, ids: number[]): Promise<{ wan: Map<number, number>; asOf: string | null }> {
  if (ids.length === 0) return { wan: new Map(), asOf: null };
  const rows = await db.query<{ id: number; w: number; d: unknown }>(
    `select distinct on (enterprise_id) enterprise_id as id, output_wan::float as w, as_of as d from enterprise_metrics
      where enterprise_id = any($1::int[]) and output_wan is not null order by enterprise_id, year desc`,
    [ids],
  );
  return { wan: new Map(rows.map((r) => [r.id, Number(r.w)])), asOf: newestDay(rows) };
}

/** The sum of the firms' known outputs, each firm once; null when none of them has one (unknown, not 0). */
function knownSum(ids: readonly number[], wan: ReadonlyMap<number, number>): number | null {
  let sum: number | null = null;
  for (const id of ids) {
    const w = wan.get(id);
    if (w !== undefined) sum = (sum ?? 0) + w;
  }
  return sum;
}

const chainPart = (h: { chainCode: string; nameZh: string; nameEn: string }, value: number | null): FigurePart => ({
  key: h.chainCode,
  label: { zh: h.nameZh, en: h.nameEn },
  value,
});

/** Projects in the actor's read scope landing in the scope (the city: every project it reads). */
async function projectRows(db: Db, s: FigureScope, a: Actor | undefined) {
  const q = new Sql();
  const where: string[] = [];
  const read = projectReadScope(a, q);
  if (read) where.push(read);
  if (s.kind !== 'city') where.push(`t.park_id in ${parksIn(s, q)}`);
  return db.query<{
    id: number;
    stage: ProjectStage;
    lost_from_stage: ProjectStage | null;
    investment_wan: number | null;
    updated_at: unknown;
  }>(
    `select t.id, t.stage, t.lost_from_stage, t.investment_wan, t.updated_at from (${PROJECT_SELECT}) t
      ${where.length ? `where ${where.join(' and ')}` : ''}`,
    q.params,
  );
}

const STAGE_LABELS: Record<ProjectStage, { zh: string; en: string }> = {
  lead: { zh: '线索', en: 'Lead' },
  contact: { zh: '接洽', en: 'Contact' },
  site_visit: { zh: '考察', en: 'Site visit' },
  negotiation: { zh: '洽谈', en: 'Negotiation' },
  signed: { zh: '签约', en: 'Signed' },
  started: { zh: '开工', en: 'Started' },
  in_production: { zh: '投产', en: 'In production' },
  lost: { zh: '流失', en: 'Lost' },
};

const maxDay = (rows: { updated_at: unknown }[]): string | null =>
  rows.reduce<string | null>((m, r) => {
    const d = day(r.updated_at);
    return d && (!m || d > m) ? d : m;
  }, null);

const upstairsLink = (s: FigureScope) =>
  `/buildings?type=high_rise_factory${s.kind === 'park' ? `&parkId=${s.id}` : ''}`;

/**
 * A count figure of the registry: `sql` answers one row (n, the count; d, the newest as-of date behind it)
 * for the scope, with its parameters added to `q`; `link` is the list behind it.
 */
/** Tables behind a scope's parks and their tenants (all tracked by data_changes). */
const PLACES = ['parks', 'buildings', 'floors', 'units', 'occupancies'] as const;
/** … and the firms, registered in the scope or housed in it. */
const FIRMS = ['enterprises', ...PLACES] as const;
/** … and what the chain analysis reads. */
const CHAINS = [
  ...FIRMS,
  'enterprise_metrics',
  'chain_templates',
  'chain_mappings',
  'chain_leaders',
  'supply_links',
] as const;
/** Chain health is redacted for those who may not see firms' figures: one cached value per view. */
const chainView = (a: Actor | undefined) => (!a || FEATURES.seeFigures(a) ? 'figures' : 'redacted');

function countFigure(
  key: FigureDef['key'],
  label: FigureDef['label'],
  o: { order: number; unit: string; link: (s: FigureScope) => string },
  sql: (s: FigureScope, q: Sql) => string,
): FigureDef {
  return scopedFigure<{ n: number; d: unknown }>({
    key,
    label,
    cache: { tables: FIRMS },
    unit: { zh: o.unit, en: '' },
    group: 'registry',
    order: o.order,
    targetable: true,
    link: o.link,
    sql: (s, q) => sql(s, q),
    answer: ([r]) => ({ value: Number(r?.n ?? 0) }),
  });
}

export const COCKPIT_FIGURES: FigureDef[] = [
  countFigure(
    'cockpit.parks',
    { zh: '园区', en: 'Parks' },
    { order: 10, unit: '个', link: (s) => (s.kind === 'park' ? `/parks/${s.id}` : `/parks${q1(listQuery(s))}`) },
    (s, q) => `select count(*)::int as n, max(as_of) as d from parks where id in ${parksIn(s, q)}`,
  ),
  countFigure(
    'cockpit.enterprises',
    { zh: '企业', en: 'Enterprises' },
    { order: 20, unit: '家', link: (s) => `/enterprises${q1(listQuery(s))}` },
    // A count per part of the scope (registered in it; else housed in it), added up: see scopeEnterpriseParts.
    (s, q) =>
      `select coalesce(sum(n), 0)::int as n, max(d) as d from (${scopeEnterpriseParts(s, q)
        .map((part) => `select count(*) as n, max(e.as_of) as d from enterprises e where ${part}`)
        .join(' union all ')}) c`,
  ),
  {
    key: 'cockpit.little_giants',
    label: { zh: '专精特新“小巨人”', en: '“Little giants”' },
    unit: { zh: '家', en: '' },
    group: 'registry',
    order: 30,
    scopes: ALL,
    targetable: true,
    cache: { tables: FIRMS },
    async compute(db, s) {
      const q = new Sql();
      const rows = await db.query<{ code: string; name_zh: string; name_en: string; n: number; d: unknown }>(
        // The grants kept as rows (enterprise_honours, migration 0042) of the scope's firms, one part of the
        // scope at a time: each firm once per tier it names.
        `select t.code, t.name_zh, t.name_en, count(*)::int as n, max(h.as_of) as d
           from (${scopeEnterpriseParts(s, q)
             .map(
               (part) => `select e.id, e.as_of, x.tier_code as code
                   from enterprise_honours x join enterprises e on e.id = x.enterprise_id where ${part}`,
             )
             .join(' union ')}) h
           join tiers t on t.code = h.code
          group by t.code, t.name_zh, t.name_en, t.rank order by t.rank desc, t.code`,
        q.params,
      );
      const lg = rows.find((r) => r.code === 'little_giant');
      const sep = listQuery(s) ? `&${listQuery(s)}` : '';
      return {
        value: lg?.n ?? 0,
        asOf: maxDay(rows.map((r) => ({ updated_at: r.d }))),
        link: `/enterprises?tier=little_giant${sep}`,
        parts: rows.map((r) => ({ key: r.code, label: { zh: r.name_zh, en: r.name_en }, value: r.n })),
      };
    },
  },
  {
    key: 'cockpit.upstairs_area',
    label: { zh: '“工业上楼”高层厂房面积', en: 'High-rise factory floor area' },
    unit: { zh: '万m²', en: '10k m²' },
    group: 'registry',
    order: 40,
    scopes: ALL,
    targetable: true,
    async compute(db, s) {
      const q = new Sql();
      const [r] = await db.query<{ a: number | null; n: number; d: unknown }>(
        `select sum(gross_floor_area_m2) as a, count(*)::int as n, max(as_of) as d from buildings
          where type = 'high_rise_factory' and park_id in ${parksIn(s, q)}`,
        q.params,
      );
      const link = upstairsLink(s);
      return { value: r?.a == null ? (r?.n ? null : 0) : Math.round(r.a / 100) / 100, asOf: day(r?.d), link };
    },
  },
  countFigure(
    'cockpit.upstairs_firms',
    { zh: '高层厂房在驻企业', en: 'Firms in high-rise factories' },
    { order: 42, unit: '家', link: upstairsLink },
    (s, q) =>
      `select count(distinct o.enterprise_id)::int as n, max(o.as_of) as d from occupancies o join units u on u.id = o.unit_id
         join floors f on f.id = u.floor_id join buildings b on b.id = f.building_id
        where b.type = 'high_rise_factory' and (o.ended_on is null or o.ended_on >= current_date) and b.park_id in ${parksIn(s, q)}`,
  ),
  {
    key: 'cockpit.upstairs_output',
    label: { zh: '高层厂房在驻企业产值', en: 'Output of firms in high-rise factories' },
    unit: { zh: '亿元', en: '100m CNY' },
    group: 'registry',
    order: 44,
    scopes: ALL,
    targetable: true,
    // Sums of firms' output: a single firm's figure where one firm is housed.
    sees: 'seeFigures',
    async compute(db, s) {
      const q = new Sql();
      const [r] = await db.query<{ w: number | null; d: unknown }>(
        `select sum(m.output_wan) as w, max(m.as_of) as d from (select distinct o.enterprise_id from occupancies o
            join units u on u.id = o.unit_id join floors f on f.id = u.floor_id join buildings b on b.id = f.building_id
           where b.type = 'high_rise_factory' and (o.ended_on is null or o.ended_on >= current_date) and b.park_id in ${parksIn(s, q)}) t
          join lateral (select output_wan, as_of from enterprise_metrics em where em.enterprise_id = t.enterprise_id
            and em.output_wan is not null order by year desc limit 1) m on true`,
        q.params,
      );
      const link = upstairsLink(s);
      return { value: r?.w == null ? null : Math.round(Number(r.w) / 100) / 100, asOf: day(r?.d), link };
    },
  },
  {
    key: 'cockpit.chain_score',
    label: { zh: '产业链健康度（均值）', en: 'Chain health (mean score)' },
    unit: { zh: '分', en: 'pts' },
    group: 'chains',
    order: 100,
    scopes: ALL,
    cache: { tables: CHAINS, view: chainView },
    async compute(db, s, a) {
      const health = await chainHealth(db, s, a);
      const mean = health.length ? health.reduce((t, h) => t + h.score.value, 0) / health.length : null;
      return {
        value: mean === null ? null : Math.round(mean * 10) / 10,
        asOf: await chainAsOf(db),
        link: chainLink(s),
        parts: health.map((h) => chainPart(h, h.score.value)),
      };
    },
  },
  {
    key: 'cockpit.chain_local_rate',
    label: { zh: '链主本地配套率（均值）', en: "Leaders' local supporting rate (mean)" },
    unit: { zh: '%', en: '%' },
    group: 'chains',
    order: 110,
    scopes: ALL,
    cache: { tables: CHAINS, view: chainView },
    async compute(db, s, a) {
      const health = await chainHealth(db, s, a);
      const rates = health.map((h) => h.score.parts.find((p) => p.code === 'supporting')?.value ?? null);
      const known = rates.filter((r): r is number => r !== null);
      const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);
      return {
        value: known.length ? pct(known.reduce((t, r) => t + r, 0) / known.length) : null,
        asOf: await chainAsOf(db),
        link: chainLink(s),
        parts: health.map((h, i) => chainPart(h, pct(rates[i] ?? null))),
      };
    },
  },
  {
    key: 'cockpit.chain_gaps',
    label: { zh: '缺失关键环节', en: 'Missing key links' },
    unit: { zh: '个', en: '' },
    group: 'chains',
    order: 120,
    scopes: ALL,
    cache: { tables: CHAINS, view: chainView },
    async compute(db, s, a) {
      const health = await chainHealth(db, s, a);
      const gaps = health.map((h) => h.nodes.filter((n) => n.keyLink && !n.group && n.status === 'missing').length);
      return {
        value: gaps.reduce((t, g) => t + g, 0),
        asOf: await chainAsOf(db),
        link: chainLink(s),
        parts: health.map((h, i) => chainPart(h, gaps[i] ?? 0)),
      };
    },
  },
  {
    key: 'cockpit.chain_output',
    label: { zh: '产业链本地产值', en: 'Local output of the chains' },
    unit: { zh: '亿元', en: '100m CNY' },
    group: 'chains',
    order: 130,
    scopes: ALL,
    // Firms' output: one firm's figure when it is a chain's only firm in the scope.
    sees: 'seeFigures',
    cache: { tables: CHAINS, view: chainView },
    async compute(db, s, a) {
      const health = await chainHealth(db, s, a);
      const firms = health.map((h) => [...new Set(h.nodes.flatMap((n) => n.firms.map((f) => f.enterpriseId)))]);
      const out = await latestOutputs(db, [...new Set(firms.flat())]);
      const yi = (w: number | null) => (w === null ? null : Math.round(w / 100) / 100);
      return {
        value: yi(knownSum([...new Set(firms.flat())], out.wan)),
        asOf: out.asOf ?? (await chainAsOf(db)),
        link: chainLink(s),
        parts: health.map((h, i) => chainPart(h, yi(knownSum(firms[i] ?? [], out.wan)))),
      };
    },
  },
  {
    key: 'cockpit.invest_funnel',
    label: { zh: '招商项目', en: 'Investment projects' },
    unit: { zh: '个', en: '' },
    group: 'invest',
    order: 200,
    scopes: ALL,
    sees: 'projects',
    targetable: true,
    async compute(db, s, a) {
      const rows = await projectRows(db, s, a);
      const results = aggregateResults(
        rows.map(
          (r): ResultRow => ({
            id: r.id,
            stage: r.stage,
            lostFromStage: r.lost_from_stage,
            investmentWan: r.investment_wan,
            owner: null,
            park: null,
            chainCode: null,
            originRegion: ORIGIN_REGIONS[0],
            events: [],
            intention: false,
          }),
        ),
      );
      return {
        value: results.total,
        asOf: maxDay(rows),
        link: '/projects',
        parts: PIPELINE_STAGES.map((st) => ({
          key: st,
          label: STAGE_LABELS[st],
          value: results.funnel.find((f) => f.stage === st)?.reached ?? 0,
        })),
      };
    },
  },
  {
    key: 'cockpit.invest_signings',
    label: { zh: '签约项目（至落地）', en: 'Signed projects (to landing)' },
    unit: { zh: '个', en: '' },
    group: 'invest',
    order: 210,
    scopes: ALL,
    sees: 'projects',
    targetable: true,
    async compute(db, s, a) {
      const rows = await projectRows(db, s, a);
      const at = (st: ProjectStage) => rows.filter((r) => r.stage === st).length;
      return {
        value: at('signed') + at('started') + at('in_production'),
        asOf: maxDay(rows),
        link: '/invest/dashboard',
        parts: (['signed', 'started', 'in_production'] as const).map((st) => ({
          key: st,
          label: STAGE_LABELS[st],
          value: at(st),
        })),
      };
    },
  },
  {
    key: 'cockpit.invest_amount',
    label: { zh: '签约投资额', en: 'Signed investment' },
    unit: { zh: '亿元', en: '100m CNY' },
    group: 'invest',
    order: 220,
    scopes: ALL,
    sees: 'projects',
    targetable: true,
    async compute(db, s, a) {
      const rows = await projectRows(db, s, a);
      const signed = rows.filter((r) => r.stage === 'signed' || r.stage === 'started' || r.stage === 'in_production');
      const wan = signed.reduce((t, r) => t + (r.investment_wan ?? 0), 0);
      return { value: Math.round(wan / 100) / 100, asOf: maxDay(rows), link: '/invest/dashboard' };
    },
  },
  {
    key: 'cockpit.event_signings',
    label: { zh: '活动签约（报道）', en: 'Signings at events (reported)' },
    unit: { zh: '个', en: '' },
    group: 'conferences',
    order: 300,
    scopes: ['city'],
    async compute(db) {
      const rows = await db.query<{
        id: number;
        name: string;
        signings: number;
        d: unknown;
        on: string | null;
        approx: boolean;
      }>(
        `select id, name, signings, coalesce(as_of, ended_on, started_on) as d,
            to_char(started_on, 'YYYY-MM-DD') as on, date_estimated as approx
           from events where signings is not null order by started_on desc nulls last, id desc`,
      );
      // Each event with its day; a day inferred from the source reads as approximate.
      const named = (r: (typeof rows)[number], lang: 'zh' | 'en') =>
        r.on === null
          ? r.name
          : lang === 'zh'
            ? `${r.name}（${r.approx ? '约 ' : ''}${r.on}）`
            : `${r.name} (${r.approx ? 'c. ' : ''}${r.on})`;
      return {
        value: rows.reduce((t, r) => t + r.signings, 0),
        asOf: maxDay(rows.map((r) => ({ updated_at: r.d }))),
        link: '/events',
        parts: rows
          .slice(0, 8)
          .map((r) => ({ key: String(r.id), label: { zh: named(r, 'zh'), en: named(r, 'en') }, value: r.signings })),
      };
    },
  },
  {
    key: 'cockpit.conference_meetings',
    label: { zh: '对接会已排洽谈', en: 'Matchmaking meetings scheduled' },
    unit: { zh: '场', en: '' },
    group: 'conferences',
    order: 310,
    scopes: ['city'],
    async compute(db) {
      const [r] = await db.query<{ n: number; held: number; d: unknown }>(
        `select count(*)::int as n,
            count(*) filter (where exists (select 1 from conference_participants p
              where p.id = r.from_id and p.checked_in_at is not null))::int as held,
            max(r.updated_at) as d
           from conference_requests r where r.status = 'accepted' and r.slot_id is not null`,
      );
      return {
        value: r?.n ?? 0,
        asOf: day(r?.d),
        link: '/events',
        parts: [
          { key: 'scheduled', label: { zh: '已排', en: 'Scheduled' }, value: r?.n ?? 0 },
          { key: 'checked_in', label: { zh: '发起方已签到', en: 'Requester checked in' }, value: r?.held ?? 0 },
        ],
      };
    },
  },
  freshnessFigure,
];

export type { FigureValue };
