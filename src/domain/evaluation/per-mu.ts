/**
 * The per-mu (亩均效益) evaluation engine. For each firm: not assessed (T) or a bucket; each indicator's
 * value, its benchmark (fixed, or a multiple of last year's average of the firm's group and bucket) and
 * its contribution = weight × min(value / benchmark, cap); missing figures per the indicator's rule;
 * bonus and penalty items; then the class, by score bands or by its share of the ranked group.
 * Everything it decides is in the result, so a letter can explain the class line by line.
 */
import type { EvalClass, TIndicator, TPerMuDocument } from '../../contracts/evaluation.js';
import { type Facts, FIELDS, type FieldName } from './fields.js';
import { meets } from './rules.js';

export interface EvalFirm {
  id: number;
  /** District code (or '' for all) — the group shares and averages are taken in. */
  group: string;
  facts: Facts;
  /** Last year's facts, for benchmarks that are a multiple of last year's average. */
  prevFacts?: Facts | null;
}

export interface IndicatorResult {
  code: string;
  label: { zh: string; en: string };
  unit: string;
  value: number | null;
  benchmark: number | null;
  weight: number;
  contribution: number | null;
  missing: 'zero' | 'average' | 'not_assessed' | null;
}

export interface FirmResult {
  id: number;
  group: string;
  bucket: string;
  class: EvalClass;
  score: number | null;
  rank: number | null;
  groupSize: number | null;
  landMu: number | null;
  indicators: IndicatorResult[];
  adjustments: { code: string; label: { zh: string; en: string }; points: number }[];
  notAssessedReason: { zh: string; en: string } | null;
}

/** Benchmarks and average contributions by `${group}|${bucket}|${indicator}`: what a what-if reuses. */
export interface EvalContext {
  benchmarks: Record<string, number | null>;
  averages: Record<string, number | null>;
  /** Scores of the assessed firms by `${group}|${bucket}`, descending (share bands rank against them). */
  scores: Record<string, number[]>;
}

const key = (a: string, b: string, c?: string) => (c === undefined ? `${a}|${b}` : `${a}|${b}|${c}`);

/** An indicator's value from facts: numerator / denominator × factor; null when a figure is missing. */
export function indicatorValue(ind: TIndicator, f: Facts): number | null {
  const num = f[ind.numerator as FieldName];
  if (typeof num !== 'number') return null;
  if (!ind.denominator) return num * ind.factor;
  const den = f[ind.denominator as FieldName];
  if (typeof den !== 'number' || den <= 0) return null;
  return (num / den) * ind.factor;
}

function allHold(when: TPerMuDocument['notAssessed'][number]['when'], f: Facts): boolean {
  for (const c of when) if (!meets(f[c.field as FieldName], c.op, c.value)) return false;
  return true;
}

function bucketOf(doc: TPerMuDocument, f: Facts) {
  for (const b of doc.buckets) if (allHold(b.when, f)) return b;
  return null;
}

function benchmarkOf(ind: TIndicator, prev: { facts: Facts }[]): number | null {
  if (ind.benchmark.kind === 'fixed') return ind.benchmark.value;
  const { multiple, average } = ind.benchmark;
  if (average === 'mean') {
    let s = 0;
    let n = 0;
    for (const p of prev) {
      const v = indicatorValue(ind, p.facts);
      if (v !== null) {
        s += v;
        n++;
      }
    }
    return n > 0 && s > 0 ? (s / n) * multiple : null;
  }
  let num = 0;
  let den = 0;
  for (const p of prev) {
    const a = p.facts[ind.numerator as FieldName];
    const b = ind.denominator ? p.facts[ind.denominator as FieldName] : 1;
    if (typeof a === 'number' && typeof b === 'number' && b > 0) {
      num += a;
      den += b;
    }
  }
  return den > 0 && num > 0 ? (num / den) * ind.factor * multiple : null;
}

function contributionOf(ind: TIndicator, value: number, benchmark: number | null): number {
  if (benchmark === null || benchmark <= 0) return 0;
  const ratio = Math.max(0, value / benchmark);
  return ind.weight * (ind.cap === null ? ratio : Math.min(ratio, ind.cap));
}

const SORTED = new WeakMap<TPerMuDocument, TPerMuDocument['bands']['bands']>();
/** The document's bands by their lower end (sorted once per document, not once per firm). */
function sortedBands(doc: TPerMuDocument) {
  let b = SORTED.get(doc);
  if (!b) {
    b = [...doc.bands.bands].sort((x, y) => x.from - y.from);
    SORTED.set(doc, b);
  }
  return b;
}

/** The class of a score: by score bands, or by its competition rank in the group's scores (sorted descending). */
export function classOf(
  doc: TPerMuDocument,
  score: number,
  groupScores: readonly number[],
): { cls: EvalClass; rank: number; size: number } {
  // Competition rank: 1 + number of strictly better scores (ties share a rank and a class).
  // groupScores is sorted descending: binary search for the first score not above this one.
  let lo = 0;
  let hi = groupScores.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((groupScores[mid] as number) > score + 1e-12) lo = mid + 1;
    else hi = mid;
  }
  const better = lo;
  const rank = better + 1;
  const size = groupScores.length;
  const bands = sortedBands(doc);
  if (doc.bands.by === 'score') {
    let hit: (typeof bands)[number] | undefined;
    for (const b of bands)
      if (score >= b.from && (b.to === null || score < b.to)) {
        hit = b;
        break;
      }
    const cls = hit?.class ?? (bands[0] && score < bands[0].from ? bands[0].class : bands[bands.length - 1]?.class);
    return { cls: cls ?? 'D', rank, size };
  }
  const p = (rank / Math.max(size, 1)) * 100;
  let hit = bands[0];
  for (const b of bands)
    if (p > b.from && p <= (b.to ?? 100) + 1e-9) {
      hit = b;
      break;
    }
  return { cls: hit?.class ?? 'D', rank, size };
}

/** Scores one firm in its bucket against a context (benchmarks, averages); no class yet. */
function scoreFirm(
  doc: TPerMuDocument,
  firm: EvalFirm,
  bucket: TPerMuDocument['buckets'][number],
  at: { bms: (number | null)[]; avgs: (number | null)[] },
): Omit<FirmResult, 'class' | 'rank' | 'groupSize'> & { forced: EvalClass | null } {
  const f = firm.facts;
  const indicators: IndicatorResult[] = [];
  let score = 0;
  let notAssessed: { zh: string; en: string } | null = null;
  for (let i = 0; i < bucket.indicators.length; i++) {
    const ind = bucket.indicators[i] as TIndicator;
    const benchmark = at.bms[i] ?? null;
    const value = indicatorValue(ind, f);
    let contribution: number | null;
    let missing: IndicatorResult['missing'] = null;
    if (value === null) {
      missing = ind.missing;
      if (ind.missing === 'average') contribution = at.avgs[i] ?? 0;
      else if (ind.missing === 'zero') contribution = 0;
      else {
        contribution = null;
        notAssessed ??= {
          zh: `缺少“${ind.label.zh}”所需数据（${fieldLabels(ind, 'zh')}）`,
          en: `No figure for "${ind.label.en}" (${fieldLabels(ind, 'en')})`,
        };
      }
    } else contribution = contributionOf(ind, value, benchmark);
    if (contribution !== null) score += contribution;
    indicators.push({
      code: ind.code,
      label: ind.label,
      unit: ind.unit,
      value,
      benchmark,
      weight: ind.weight,
      contribution,
      missing,
    });
  }
  const adjustments: FirmResult['adjustments'] = [];
  let forced: EvalClass | null = null;
  for (const a of doc.adjustments) {
    if (!allHold(a.when, f)) continue;
    adjustments.push({ code: a.code, label: a.label, points: a.points });
    score += a.points;
    if (a.forceClass) forced = a.forceClass;
  }
  const landMu = typeof f.landMu === 'number' ? f.landMu : null;
  return {
    id: firm.id,
    group: firm.group,
    bucket: bucket.code,
    score: notAssessed ? null : score,
    landMu,
    indicators,
    adjustments,
    notAssessedReason: notAssessed,
    forced,
  };
}

function fieldLabels(ind: TIndicator, lang: 'zh' | 'en'): string {
  const names = [ind.numerator, ind.denominator].filter((x): x is string => !!x);
  return names.map((n) => FIELDS[n as FieldName]?.[lang] ?? n).join(lang === 'zh' ? '、' : ', ');
}

/**
 * Evaluates every firm under a per-mu rule set. Firms matching a not-assessed rule, in no bucket, or
 * missing a figure whose rule says not_assessed are class T with the reason.
 */
export function evaluatePerMu(
  doc: TPerMuDocument,
  firms: readonly EvalFirm[],
  onProgress?: (done: number, total: number) => void,
): { results: FirmResult[]; context: EvalContext } {
  const groupOf = (f: EvalFirm) => (doc.groupBy === 'all' ? '' : f.group);
  type Placed = { firm: EvalFirm; bucket: TPerMuDocument['buckets'][number] };
  const placed: Placed[] = [];
  const results: (FirmResult | null)[] = new Array(firms.length).fill(null);
  const index = new Map<number, number>();
  firms.forEach((firm0, i) => {
    const firm = firm0.group === groupOf(firm0) ? firm0 : { ...firm0, group: groupOf(firm0) };
    index.set(firm.id, i);
    let t: TPerMuDocument['notAssessed'][number] | undefined;
    for (const r of doc.notAssessed)
      if (allHold(r.when, firm.facts)) {
        t = r;
        break;
      }
    const bucket = t ? null : bucketOf(doc, firm.facts);
    if (!bucket) {
      results[i] = {
        id: firm.id,
        group: firm.group,
        bucket: 'none',
        class: 'T',
        score: null,
        rank: null,
        groupSize: null,
        landMu: typeof firm.facts.landMu === 'number' ? firm.facts.landMu : null,
        indicators: [],
        adjustments: [],
        notAssessedReason: t ? t.label : { zh: '不属于任何参评类别', en: 'In no assessed bucket' },
      };
      return;
    }
    placed.push({ firm, bucket });
  });
  // Benchmarks: per group, bucket and indicator, from last year's figures of the firms placed there.
  const byGroupBucket = new Map<string, Placed[]>();
  for (const p of placed) {
    const k = key(p.firm.group, p.bucket.code);
    const list = byGroupBucket.get(k);
    if (list) list.push(p);
    else byGroupBucket.set(k, [p]);
  }
  const ctx: EvalContext = { benchmarks: {}, averages: {}, scores: {} };
  const arrays = new Map<string, { bms: (number | null)[]; avgs: (number | null)[] }>();
  for (const [gk, list] of byGroupBucket) {
    const bucket = list[0]?.bucket;
    if (!bucket) continue;
    const at = { bms: [] as (number | null)[], avgs: [] as (number | null)[] };
    arrays.set(gk, at);
    const prev = list.flatMap((p) => (p.firm.prevFacts ? [{ facts: p.firm.prevFacts }] : []));
    for (const ind of bucket.indicators) {
      const k = key(gk, ind.code);
      const bm = benchmarkOf(ind, prev);
      ctx.benchmarks[k] = bm;
      at.bms.push(bm);
      // The average contribution of the firms that have the figure (for missing: 'average').
      let s = 0;
      let n = 0;
      for (const p of list) {
        const v = indicatorValue(ind, p.firm.facts);
        if (v !== null) {
          s += contributionOf(ind, v, bm);
          n++;
        }
      }
      ctx.averages[k] = n > 0 ? s / n : null;
      at.avgs.push(ctx.averages[k] ?? null);
    }
  }
  const none = { bms: [], avgs: [] };
  const scored = placed.map((p) =>
    scoreFirm(doc, p.firm, p.bucket, arrays.get(key(p.firm.group, p.bucket.code)) ?? none),
  );
  for (const s of scored) {
    if (s.score === null) continue;
    const gk = key(s.group, s.bucket);
    const list = ctx.scores[gk];
    if (list) list.push(s.score);
    else ctx.scores[gk] = [s.score];
  }
  for (const list of Object.values(ctx.scores)) list.sort((a, b) => b - a);
  let done = 0;
  for (const s of scored) {
    const i = index.get(s.id) as number;
    const c = s.score === null ? null : classOf(doc, s.score, ctx.scores[key(s.group, s.bucket)] ?? []);
    results[i] = {
      id: s.id,
      group: s.group,
      bucket: s.bucket,
      class: c === null ? 'T' : (s.forced ?? c.cls),
      score: s.score,
      rank: c?.rank ?? null,
      groupSize: c?.size ?? null,
      landMu: s.landMu,
      indicators: s.indicators,
      adjustments: s.adjustments,
      notAssessedReason: s.notAssessedReason,
    };
    if (onProgress && ++done % 5000 === 0) onProgress(done, scored.length);
  }
  return { results: results as FirmResult[], context: ctx };
}

/**
 * What-if: the firm scored again with some facts changed, against the same benchmarks and the other
 * firms' scores of the same run (its own old score is taken out of the ranking).
 */
export function whatIf(
  doc: TPerMuDocument,
  firm: EvalFirm,
  changes: Facts,
  ctx: EvalContext,
  previous: { score: number | null; bucket: string } | null,
): FirmResult {
  const group = doc.groupBy === 'all' ? '' : firm.group;
  const changed: EvalFirm = { ...firm, group, facts: { ...firm.facts, ...changes } };
  const t = doc.notAssessed.find((r) => allHold(r.when, changed.facts));
  const bucket = t ? null : bucketOf(doc, changed.facts);
  if (!bucket)
    return {
      id: firm.id,
      group,
      bucket: 'none',
      class: 'T',
      score: null,
      rank: null,
      groupSize: null,
      landMu: typeof changed.facts.landMu === 'number' ? changed.facts.landMu : null,
      indicators: [],
      adjustments: [],
      notAssessedReason: t ? t.label : { zh: '不属于任何参评类别', en: 'In no assessed bucket' },
    };
  const at = {
    bms: bucket.indicators.map((ind) => ctx.benchmarks[key(group, bucket.code, ind.code)] ?? null),
    avgs: bucket.indicators.map((ind) => ctx.averages[key(group, bucket.code, ind.code)] ?? null),
  };
  const s = scoreFirm(doc, changed, bucket, at);
  const { forced, ...rest } = s;
  if (s.score === null) return { ...rest, class: 'T', rank: null, groupSize: null };
  const others = [...(ctx.scores[key(group, bucket.code)] ?? [])];
  if (previous?.score != null && previous.bucket === bucket.code) {
    const at = others.indexOf(previous.score);
    if (at >= 0) others.splice(at, 1);
  }
  others.push(s.score);
  others.sort((a, b) => b - a);
  const c = classOf(doc, s.score, others);
  return { ...rest, class: forced ?? c.cls, rank: c.rank, groupSize: c.size };
}

/** Class counts of results: { A: n, B: n, C: n, D: n, T: n }. */
export function distribution(results: readonly { class: EvalClass }[]): Record<EvalClass, number> {
  const d: Record<EvalClass, number> = { A: 0, B: 0, C: 0, D: 0, T: 0 };
  for (const r of results) d[r.class]++;
  return d;
}
