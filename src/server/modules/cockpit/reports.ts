/**
 * Reports as PDF documents (platform/pdf): the monthly district report, a park profile, a chain
 * report, an enterprise profile and an event's results, each built from the figures as the requesting actor sees them (a withheld figure prints as
 * withheld), carrying the data's as-of date; the watermark names the user and the time of the request.
 */
import type { TFigure, TReportRequest } from '../../../contracts/cockpit.js';
import { fieldProblem } from '../../../contracts/errors.js';
import type { Db } from '../../../db/connect.js';
import { invalid, notFound } from '../../lib/errors.js';
import { getResource, listResource } from '../../lib/resource.js';
import { Sql } from '../../lib/sql.js';
import { assertFigureScope, computeFigure, type FigureScope, figureDef } from '../../platform/figures.js';
import type { Block, Cell, PdfDocument } from '../../platform/pdf/index.js';
import type { Actor } from '../auth/actor.js';
import { loadConference } from '../conferences/conference.js';
import { results as conferenceResults } from '../conferences/docking.js';
import { accessOfActor } from '../conferences/policy.js';
import { enterprises, metrics } from '../registry/specs.js';
import { cockpitFigures } from './cockpit.js';
import { freshnessView, today } from './freshness.js';
import { day, parksIn, parseCockpitScope, scopeKey, scopeName } from './scope.js';
import { listTargets, targetProgress } from './targets.js';

type Lang = 'zh' | 'en';
const L = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

const W = {
  figures: ['关键指标', 'Key figures'],
  withheld: ['无权查看', 'withheld'],
  parks: ['园区', 'Parks'],
  chains: ['产业链健康', 'Chain health'],
  funnel: ['招商漏斗', 'Investment funnel'],
  targets: ['目标进展', 'Targets'],
  freshness: ['数据新鲜度', 'Data freshness'],
} as const;
const w = (lang: Lang, k: keyof typeof W) => W[k][lang === 'zh' ? 0 : 1];

const labelOf = (l: { zh: string; en: string }, lang: Lang) => (lang === 'zh' ? l.zh : l.en || l.zh);

function figureItems(figs: TFigure[], lang: Lang) {
  return figs.map((f) => ({
    label: labelOf(f.label, lang),
    value: f.redacted ? w(lang, 'withheld') : f.value,
    unit: f.redacted ? '' : labelOf(f.unit, lang),
    asOf: f.asOf,
  }));
}

/** The newest as-of date among the figures, else today's (the document's date). */
const asOfOf = (figs: TFigure[], fallback: string) =>
  figs.reduce<string | null>((m, f) => (f.asOf && f.asOf <= fallback && (!m || f.asOf > m) ? f.asOf : m), null) ??
  fallback;

function chainTable(figs: TFigure[], lang: Lang): Block {
  const by = (k: string) => figs.find((f) => f.key === k);
  const score = by('cockpit.chain_score');
  const rate = by('cockpit.chain_local_rate');
  const gaps = by('cockpit.chain_gaps');
  const output = by('cockpit.chain_output');
  const part = (f: TFigure | undefined, key: string): Cell =>
    f?.redacted ? w(lang, 'withheld') : (f?.parts?.find((p) => p.key === key)?.value ?? null);
  return {
    kind: 'table',
    columns: [
      { title: L(lang, '产业链', 'Chain'), width: 3 },
      { title: L(lang, '健康度', 'Score'), align: 'right' },
      { title: L(lang, '链主本地配套率 %', 'Local supply %'), width: 1.4, align: 'right' },
      { title: L(lang, '缺失关键环节', 'Missing key links'), width: 1.3, align: 'right' },
      { title: L(lang, '本地产值 亿元', 'Output 100m CNY'), width: 1.3, align: 'right' },
    ],
    rows: (score?.parts ?? []).map((p) => [
      labelOf(p.label, lang),
      p.value,
      part(rate, p.key),
      part(gaps, p.key),
      part(output, p.key),
    ]),
    empty: L(lang, '无', 'None'),
  };
}

function funnelChart(figs: TFigure[], lang: Lang): Block[] {
  const f = figs.find((x) => x.key === 'cockpit.invest_funnel');
  if (!f || f.redacted || !f.parts) return [];
  return [
    { kind: 'heading', text: w(lang, 'funnel') },
    {
      kind: 'chart',
      height: 200,
      option: {
        grid: { left: 40, right: 16, top: 16, bottom: 28 },
        xAxis: { type: 'category', data: f.parts.map((p) => labelOf(p.label, lang)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', data: f.parts.map((p) => p.value), label: { show: true, position: 'top' } }],
      },
    },
  ];
}

async function targetBlock(db: Db, scope: FigureScope, actor: Actor | undefined, lang: Lang): Promise<Block[]> {
  const on = today();
  const list = await Promise.all(
    (await listTargets(db, { scope: scopeKey(scope) })).map((t) => targetProgress(db, t, actor, on)),
  );
  return [
    { kind: 'heading', text: w(lang, 'targets') },
    {
      kind: 'table',
      columns: [
        { title: L(lang, '目标', 'Target'), width: 4 },
        { title: L(lang, '期限', 'By'), width: 1.3 },
        { title: L(lang, '目标值', 'Value'), align: 'right' },
        { title: L(lang, '当前', 'Now'), align: 'right' },
        { title: L(lang, '预测', 'Forecast'), align: 'right' },
        { title: L(lang, '来源', 'Source'), width: 2.5 },
      ],
      rows: list.map((t) => [
        `${lang === 'zh' ? t.label : (t.labelEn ?? t.label)}`,
        t.periodEnd,
        `${t.value} ${t.unit}`,
        t.redacted ? w(lang, 'withheld') : t.current,
        t.redacted ? w(lang, 'withheld') : t.forecast,
        t.sourceTitle ?? t.sourceId,
      ]),
      empty: L(lang, '本范围未设目标', 'No targets for this scope'),
    },
  ];
}

async function freshnessBlock(db: Db, scope: FigureScope, actor: Actor | undefined, lang: Lang): Promise<Block[]> {
  const cityWide = !actor || actor.role === 'city_admin' || actor.role === 'city_analyst';
  const v = await freshnessView(db, { scope, actor: cityWide ? undefined : actor });
  return [
    { kind: 'heading', text: w(lang, 'freshness') },
    {
      kind: 'table',
      columns: [
        { title: L(lang, '园区', 'Park'), width: 3 },
        { title: L(lang, '事实数', 'Facts'), align: 'right' },
        { title: L(lang, '过期', 'Stale'), align: 'right' },
        { title: L(lang, '新鲜度', 'Score'), align: 'right' },
      ],
      rows: v.parks.map((p) => [p.name, p.facts, p.stale, p.score]),
      empty: L(lang, '无', 'None'),
    },
  ];
}

export async function buildReport(
  db: Db,
  req: TReportRequest,
  actor: Actor | undefined,
  watermark: { name: string; at: string },
): Promise<{ doc: PdfDocument; scope: string; filename: string }> {
  const lang = req.lang;
  const on = today();
  if (req.kind === 'district_monthly') {
    const scope = parseCockpitScope(req.scope ?? 'city');
    if (scope.kind === 'park') throw invalid([fieldProblem(['scope'], 'cockpit.scope_unsupported')]);
    await assertFigureScope(db, scope, actor);
    const month = req.month ?? lastMonth(on);
    const name = await scopeName(db, scope);
    const figs = await cockpitFigures(db, scope, actor);
    const q = new Sql();
    const parks = await db.query<{ name: string; kind: string; n: number; area: number | null }>(
      `select p.name, p.kind, (select count(distinct o.enterprise_id)::int from occupancies o join units u on u.id = o.unit_id
          join floors f on f.id = u.floor_id join buildings b on b.id = f.building_id
          where b.park_id = p.id and (o.ended_on is null or o.ended_on >= current_date)) as n, p.planned_area_km2 as area
         from parks p where p.id in ${parksIn(scope, q)} and p.parent_id is null order by p.name`,
      q.params,
    );
    const blocks: Block[] = [
      { kind: 'heading', text: w(lang, 'figures') },
      { kind: 'figures', items: figureItems(figs, lang) },
      { kind: 'heading', text: w(lang, 'parks') },
      {
        kind: 'table',
        columns: [
          { title: L(lang, '园区', 'Park'), width: 4 },
          { title: L(lang, '类型', 'Kind'), width: 1.5 },
          { title: L(lang, '在园企业', 'Tenants'), align: 'right' },
          { title: L(lang, '规划面积 km²', 'Area km²'), align: 'right' },
        ],
        rows: parks.map((p) => [p.name, p.kind, p.n, p.area]),
        empty: L(lang, '无', 'None'),
      },
      { kind: 'heading', text: w(lang, 'chains') },
      chainTable(figs, lang),
      ...funnelChart(figs, lang),
      ...(await targetBlock(db, scope, actor, lang)),
      ...(await freshnessBlock(db, scope, actor, lang)),
    ];
    const title = L(lang, `${name.zh}园区月报 ${month}`, `${name.en} parks monthly report ${month}`);
    return {
      doc: { title, asOf: asOfOf(figs, on), lang, watermark, blocks },
      scope: scopeKey(scope),
      filename: `parklink-monthly-${scopeKey(scope).replace(':', '-')}-${month}.pdf`,
    };
  }
  if (req.kind === 'park_profile') {
    const scope = parseCockpitScope(req.scope);
    if (scope.kind !== 'park') throw invalid([fieldProblem(['scope'], 'cockpit.scope_unsupported')]);
    await assertFigureScope(db, scope, actor);
    const [p] = await db.query<{
      name: string;
      name_en: string | null;
      kind: string;
      level: string;
      region: string | null;
      operator: string | null;
      leading_industries: string[];
      planned_area_km2: number | null;
      description: string | null;
      source: string | null;
      as_of: unknown;
      synthetic: boolean;
    }>(
      `select p.*, r.name as region, s.title as source from parks p left join regions r on r.code = p.region_code
         left join sources s on s.id = p.source_id where p.id = $1`,
      [scope.id],
    );
    if (!p) throw notFound();
    const figs = await cockpitFigures(db, scope, actor);
    const buildings = await db.query<{
      name: string;
      type: string;
      floors_above: number;
      area: number | null;
      year: number | null;
    }>(
      `select name, type, floors_above, gross_floor_area_m2 as area, completion_year as year from buildings
        where park_id in (with recursive s as (select id from parks where id = $1 union select c.id from parks c join s on c.parent_id = s.id) select id from s)
        order by code`,
      [scope.id],
    );
    const tenants = await db.query<{ name: string; cls: string | null; synthetic: boolean }>(
      `select distinct e.name, ic.name as cls, e.synthetic from occupancies o join enterprises e on e.id = o.enterprise_id
         left join industry_classes ic on ic.code = e.industry_class_code
         join units u on u.id = o.unit_id join floors f on f.id = u.floor_id join buildings b on b.id = f.building_id
        where b.park_id = $1 and (o.ended_on is null or o.ended_on >= current_date) order by e.name limit 200`,
      [scope.id],
    );
    const synth = L(lang, '（示例）', ' (synthetic)');
    const blocks: Block[] = [
      {
        kind: 'paragraph',
        text: [
          `${L(lang, '所在区', 'District')}: ${p.region ?? '—'}`,
          `${L(lang, '运营方', 'Operator')}: ${p.operator ?? '—'}`,
          `${L(lang, '主导产业', 'Leading industries')}: ${p.leading_industries.join('、') || '—'}`,
          `${L(lang, '规划面积', 'Planned area')}: ${p.planned_area_km2 ?? '—'} km²`,
        ].join('    '),
      },
      ...(p.description ? [{ kind: 'paragraph' as const, text: p.description }] : []),
      {
        kind: 'paragraph',
        muted: true,
        text: `${L(lang, '来源', 'Source')}: ${p.source ?? '—'} · ${day(p.as_of) ?? ''}${p.synthetic ? synth : ''}`,
      },
      { kind: 'heading', text: w(lang, 'figures') },
      { kind: 'figures', items: figureItems(figs, lang) },
      { kind: 'heading', text: L(lang, '楼宇', 'Buildings') },
      {
        kind: 'table',
        columns: [
          { title: L(lang, '楼宇', 'Building'), width: 4 },
          { title: L(lang, '类型', 'Type'), width: 2 },
          { title: L(lang, '层数', 'Floors'), align: 'right' },
          { title: L(lang, '建筑面积 m²', 'Floor area m²'), width: 1.5, align: 'right' },
          { title: L(lang, '竣工', 'Completed'), align: 'right' },
        ],
        rows: buildings.map((b) => [b.name, b.type, b.floors_above, b.area, b.year === null ? null : String(b.year)]),
        empty: L(lang, '无', 'None'),
      },
      { kind: 'heading', text: L(lang, '在园企业', 'Tenants') },
      {
        kind: 'table',
        columns: [
          { title: L(lang, '企业', 'Enterprise'), width: 3 },
          { title: L(lang, '行业', 'Class'), width: 3 },
        ],
        rows: tenants.map((t) => [`${t.name}${t.synthetic ? synth : ''}`, t.cls]),
        empty: L(lang, '无', 'None'),
      },
      { kind: 'heading', text: w(lang, 'chains') },
      chainTable(figs, lang),
      ...(await freshnessBlock(db, scope, actor, lang)),
    ];
    return {
      doc: {
        title: L(lang, `园区画像：${p.name}`, `Park profile: ${p.name_en ?? p.name}`),
        asOf: asOfOf(figs, on),
        lang,
        watermark,
        blocks,
      },
      scope: scopeKey(scope),
      filename: `parklink-park-${scope.id}.pdf`,
    };
  }
  if (req.kind === 'chain_report') {
    const scope = parseCockpitScope(req.scope ?? 'city');
    await assertFigureScope(db, scope, actor);
    const name = await scopeName(db, scope);
    const defs = ['cockpit.chain_score', 'cockpit.chain_local_rate', 'cockpit.chain_gaps', 'cockpit.chain_output'];
    const figs = await Promise.all(
      defs.map((k) => figureDef(k)).flatMap((d) => (d ? [computeFigure(db, d, scope, actor)] : [])),
    );
    const score = figs[0];
    const blocks: Block[] = [
      { kind: 'figures', items: figureItems(figs, lang) },
      { kind: 'heading', text: w(lang, 'chains') },
      chainTable(figs, lang),
      ...(score?.parts?.length
        ? [
            {
              kind: 'chart' as const,
              height: 240,
              option: {
                grid: { left: 120, right: 24, top: 8, bottom: 24 },
                yAxis: { type: 'category', data: score.parts.map((p) => labelOf(p.label, lang)) },
                xAxis: { type: 'value', max: 100 },
                series: [{ type: 'bar', data: score.parts.map((p) => p.value) }],
              },
            },
          ]
        : []),
    ];
    return {
      doc: {
        title: L(lang, `${name.zh}产业链报告`, `${name.en} chain report`),
        asOf: asOfOf(figs, on),
        lang,
        watermark,
        blocks,
      },
      scope: scopeKey(scope),
      filename: `parklink-chains-${scopeKey(scope).replace(':', '-')}.pdf`,
    };
  }
  if (req.kind === 'enterprise_profile') return enterpriseProfile(db, req, actor, watermark, on);
  if (req.kind === 'event_results') return eventResults(db, req, actor, watermark, on);
  throw invalid([fieldProblem(['kind'], 'cockpit.report_unavailable')]);
}

/** A yearly figure of the profile: its label and the metrics row's field. */
const METRIC_COLUMNS = [
  ['营业收入 万元', 'Revenue 10k CNY', 'revenueWan'],
  ['工业总产值 万元', 'Output 10k CNY', 'outputWan'],
  ['税收 万元', 'Tax 10k CNY', 'taxWan'],
  ['研发费用 万元', 'R&D 10k CNY', 'rndWan'],
  ['从业人员', 'Employees', 'employees'],
] as const;

/**
 * An enterprise profile: the firm as the registry shows it to the actor — read through the registry's
 * own resources (its read scope: 404 outside it; its presenter: the confidential fields of a firm and
 * of its yearly figures withheld from a role that may not see them), with its tiers, parks and chains.
 */
async function enterpriseProfile(
  db: Db,
  req: TReportRequest,
  actor: Actor | undefined,
  watermark: { name: string; at: string },
  on: string,
): Promise<{ doc: PdfDocument; scope: string; filename: string }> {
  const lang = req.lang;
  if (!req.enterpriseId) throw invalid([fieldProblem(['enterpriseId'], 'required')]);
  const ctx = { actor };
  const e = (await getResource(db, enterprises, req.enterpriseId, ctx)) as Record<string, unknown> & {
    id: number;
    name: string;
    redacted?: string[];
  };
  const metricRows = (await listResource(db, metrics, { enterpriseId: e.id, sort: '-year', limit: 5 }, ctx))
    .items as (Record<string, unknown> & { year: number; redacted?: string[]; asOf?: string | null })[];
  const tiers = await db.query<{ code: string; name_zh: string; name_en: string }>(
    'select code, name_zh, name_en from tiers',
  );
  const tierName = new Map(tiers.map((t) => [t.code, lang === 'zh' ? t.name_zh : t.name_en]));
  const chains = await db.query<{ node_id: string; name_zh: string | null; name_en: string | null }>(
    `select m.node_id, n->>'nameZh' as name_zh, n->>'nameEn' as name_en from chain_mappings m
       left join lateral (select template from chain_templates c where c.code = split_part(m.node_id, '.', 1)
                           order by version desc limit 1) c on true
       left join lateral (select x as n from jsonb_array_elements(c.template->'nodes') x where x->>'id' = m.node_id limit 1) nn on true
      where m.enterprise_id = $1 and m.status = 'confirmed' order by m.node_id`,
    [e.id],
  );
  const withheld = w(lang, 'withheld');
  const field = (row: { redacted?: string[] } & Record<string, unknown>, k: string): Cell =>
    row.redacted?.includes(k) ? withheld : ((row[k] as Cell) ?? null);
  const honours = ((e.honours as { tierCode: string; year?: number }[] | null) ?? []).map(
    (h) => `${tierName.get(h.tierCode) ?? h.tierCode}${h.year ? ` (${h.year})` : ''}`,
  );
  const asOf = [e.asOf, ...metricRows.map((m) => m.asOf)].reduce<string | null>((m, d) => {
    const x = typeof d === 'string' ? d.slice(0, 10) : null;
    return x && x <= on && (!m || x > m) ? x : m;
  }, null);
  const synth = L(lang, '（示例）', ' (synthetic)');
  const val = (k: string) => {
    const v = field(e, k);
    return v === null || v === '' ? '—' : Array.isArray(v) ? (v as unknown[]).join('、') || '—' : String(v);
  };
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: [
        `${L(lang, '统一社会信用代码', 'Credit code')}: ${val('creditCode')}`,
        `${L(lang, '行业', 'Class')}: ${val('industryClassName')}`,
        `${L(lang, '规模', 'Scale')}: ${val('scale')}`,
        `${L(lang, '所在区划', 'Region')}: ${val('regionCode')}`,
      ].join('    '),
    },
    { kind: 'paragraph', text: `${L(lang, '主要产品', 'Products')}: ${val('products')}` },
    { kind: 'paragraph', text: `${L(lang, '所在园区', 'Parks')}: ${val('parkNames')}` },
    { kind: 'paragraph', text: `${L(lang, '梯度培育', 'Tiers')}: ${honours.join('、') || '—'}` },
    {
      kind: 'paragraph',
      muted: true,
      text: `${L(lang, '来源', 'Source')}: ${val('sourceId')} · ${asOf ?? ''}${e.synthetic ? synth : ''}`,
    },
    { kind: 'heading', text: L(lang, '年度指标', 'Yearly figures') },
    {
      kind: 'table',
      columns: [
        { title: L(lang, '年度', 'Year') },
        ...METRIC_COLUMNS.map(([zh, en]) => ({ title: L(lang, zh, en), width: 1.4, align: 'right' as const })),
      ],
      rows: metricRows.map((m) => [String(m.year), ...METRIC_COLUMNS.map(([, , k]) => field(m, k))]),
      empty: L(lang, '无', 'None'),
    },
    { kind: 'heading', text: L(lang, '产业链环节', 'Chain segments') },
    {
      kind: 'table',
      columns: [
        { title: L(lang, '环节', 'Segment'), width: 4 },
        { title: L(lang, '编码', 'Code'), width: 2 },
      ],
      rows: chains.map((c) => [(lang === 'zh' ? c.name_zh : (c.name_en ?? c.name_zh)) ?? c.node_id, c.node_id]),
      empty: L(lang, '无', 'None'),
    },
  ];
  const name = lang === 'en' ? ((e.nameEn as string | null) ?? e.name) : e.name;
  return {
    doc: {
      title: L(lang, `企业画像：${name}`, `Enterprise profile: ${name}`),
      asOf: asOf ?? on,
      lang,
      watermark,
      blocks,
    },
    scope: `enterprise:${e.id}`,
    filename: `parklink-enterprise-${e.id}.pdf`,
  };
}

const REQUEST_STATUS: Record<string, [string, string]> = {
  pending: ['待回复', 'pending'],
  accepted: ['已接受', 'accepted'],
  declined: ['已拒绝', 'declined'],
  cancelled: ['已取消', 'cancelled'],
  expired: ['已过期', 'expired'],
};
const NODE_STATUS: Record<string, [string, string]> = {
  missing: ['缺失', 'missing'],
  weak: ['薄弱', 'weak'],
  strong: ['较强', 'strong'],
};
const pick = (m: Record<string, [string, string]>, k: string, lang: Lang) => m[k]?.[lang === 'zh' ? 0 : 1] ?? k;

/** An event's day or days; dates inferred from the source (not stated in it) read as approximate. */
export function eventDates(lang: Lang, from: string | null, to: string | null, estimated: boolean): string {
  if (!from) return '—';
  const span = to && to !== from ? `${from} – ${to}` : from;
  return estimated ? L(lang, `约 ${span}（推算）`, `c. ${span} (estimated)`) : span;
}

/**
 * An event's results, as the conference's results tab shows them: its requests and meetings, the
 * signings recorded for it and the docking deals between its participants since it began, by chain
 * gap. Only a viewer who reads the whole conference (organisers, roles that see figures) gets the
 * figures and the tables; anyone else gets the event and every figure printed as withheld.
 */
async function eventResults(
  db: Db,
  req: TReportRequest,
  actor: Actor | undefined,
  watermark: { name: string; at: string },
  on: string,
): Promise<{ doc: PdfDocument; scope: string; filename: string }> {
  const lang = req.lang;
  if (!req.eventId) throw invalid([fieldProblem(['eventId'], 'required')]);
  const loaded = await loadConference(db, req.eventId, null);
  const access = actor ? accessOfActor(actor, loaded.settings, loaded.participants) : loaded.access;
  const c = { ...loaded, access };
  const r = access.readAll ? await conferenceResults(db, c) : null;
  const [ev] = await db.query<{
    name: string;
    kind: string;
    city: string | null;
    started_on: unknown;
    ended_on: unknown;
    date_estimated: boolean;
    source: string | null;
    synthetic: boolean;
    as_of: unknown;
  }>(
    `select e.name, e.kind, e.city, e.started_on, e.ended_on, e.date_estimated, s.title as source, e.synthetic,
        greatest(e.as_of, (select max(coalesce(responded_at, created_at))::date from conference_requests where event_id = e.id),
                 (select max(coalesce(on_date, created_at::date)) from event_outcomes where event_id = e.id)) as as_of
       from events e left join sources s on s.id = e.source_id where e.id = $1`,
    [req.eventId],
  );
  if (!ev) throw notFound();
  const withheld = w(lang, 'withheld');
  const total = (k: keyof NonNullable<typeof r>['totals']) => (r ? r.totals[k] : withheld);
  const items = [
    [L(lang, '见面请求', 'Meeting requests'), total('requests')],
    [L(lang, '达成会面', 'Meetings agreed'), total('meetings')],
    [L(lang, '来自对接匹配', 'From docking matches'), total('fromDocking')],
    [L(lang, '面向链上缺口', 'For chain gaps'), total('fromGaps')],
    [L(lang, '签约项目', 'Signings'), total('signings')],
    [L(lang, '对接成交（会后）', 'Docking deals since'), total('deals')],
    [L(lang, '已对接缺口', 'Gaps addressed'), r ? `${r.totals.gapsAddressed} / ${r.totals.gaps}` : withheld],
  ] as const;
  const asOfDay = day(ev.as_of);
  const asOf = asOfDay && asOfDay <= on ? asOfDay : on;
  const synth = L(lang, '（示例）', ' (synthetic)');
  const chainName = r?.chain ? (lang === 'zh' ? r.chain.nameZh : r.chain.nameEn || r.chain.nameZh) : null;
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: [
        `${L(lang, '日期', 'Date')}: ${eventDates(lang, day(ev.started_on), day(ev.ended_on), ev.date_estimated)}`,
        `${L(lang, '城市', 'City')}: ${ev.city ?? '—'}`,
        ...(chainName ? [`${L(lang, '产业链', 'Chain')}: ${chainName}`] : []),
      ].join('    '),
    },
    {
      kind: 'paragraph',
      muted: true,
      text: `${L(lang, '来源', 'Source')}: ${ev.source ?? '—'}${ev.synthetic ? synth : ''}`,
    },
    { kind: 'heading', text: w(lang, 'figures') },
    { kind: 'figures', items: items.map(([label, value]) => ({ label, value, unit: '', asOf })) },
    { kind: 'heading', text: L(lang, '按链上缺口', 'By chain gap') },
    {
      kind: 'table',
      columns: [
        { title: L(lang, '环节', 'Segment'), width: 3 },
        { title: L(lang, '状态', 'Status') },
        { title: L(lang, '请求', 'Requests'), align: 'right' },
        { title: L(lang, '会面', 'Meetings'), align: 'right' },
        { title: L(lang, '已排期', 'Scheduled'), align: 'right' },
        { title: L(lang, '签约', 'Signings'), align: 'right' },
        { title: L(lang, '成交', 'Deals'), align: 'right' },
      ],
      rows: (r?.gaps ?? []).map((g) => [
        `${lang === 'zh' ? g.nameZh : g.nameEn || g.nameZh}${g.keyLink ? L(lang, '（关键环节）', ' (key link)') : ''}`,
        pick(NODE_STATUS, g.status, lang),
        g.requests,
        g.meetings,
        g.scheduled,
        g.signings,
        g.deals,
      ]),
      empty: r ? L(lang, '无', 'None') : withheld,
    },
    { kind: 'heading', text: L(lang, '对接请求', 'Requests') },
    {
      kind: 'table',
      columns: [
        { title: L(lang, '发起方', 'From'), width: 3 },
        { title: L(lang, '对方', 'To'), width: 3 },
        { title: L(lang, '状态', 'Status') },
      ],
      rows: (r?.gaps ?? []).flatMap((g) => g.pairs.map((p) => [p.a, p.b, pick(REQUEST_STATUS, p.status, lang)])),
      empty: r ? L(lang, '无', 'None') : withheld,
    },
  ];
  return {
    doc: {
      title: L(lang, `活动成果：${ev.name}`, `Event results: ${ev.name}`),
      asOf,
      lang,
      watermark,
      blocks,
    },
    scope: `event:${req.eventId}`,
    filename: `parklink-event-${req.eventId}.pdf`,
  };
}

function lastMonth(on: string): string {
  const y = Number(on.slice(0, 4));
  const m = Number(on.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
