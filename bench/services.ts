/**
 * npm run bench:services — enterprise services (issue 15): eligibility of 100 k firms × 200 policies
 * (target < 5 s) and SLA due times of 100 k open tickets recomputed (target < 2 s), each next to a
 * naive baseline in the same run. Pure domain code (src/domain/services) on synthetic data generated
 * here with a fixed seed; prints figures only, asserts nothing about time.
 *
 *   Eligibility — engine: each policy's conditions compiled once to closures; per firm × policy a scan
 *   that stops at the second failure and keeps the index of a sole failing condition (no allocation),
 *   tallied per policy and condition; explain() then builds a firm's answer on demand. Baseline: the JSON conditions interpreted afresh and fully
 *   explained for every firm × policy (compile + explain each time), run on a slice of the firms and
 *   scaled; the verdicts of both are compared on that slice.
 *   SLA — engine: a WorkClock (cumulative working minutes per day, binary search) with pauses.
 *   Baseline: a walk over days asking chinese-days `isWorkday` for each, then over the service
 *   windows, for every ticket; the due times of both are compared.
 *
 *   npx tsx bench/services.ts [--firms 100000] [--policies 200] [--tickets 100000] [--naive-firms 5000] [--seed 7]
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import chineseDays from 'chinese-days';
import {
  ChinaCalendar,
  DEFAULT_WINDOWS,
  dueWithPauses,
  type Pause,
  WorkClock,
} from '../src/domain/services/calendar.js';
import {
  type CompiledPolicy,
  type Condition,
  compilePolicy,
  explain,
  type FirmFacts,
  scan,
  type Verdict,
} from '../src/domain/services/conditions.js';

const { values: args } = parseArgs({
  options: {
    firms: { type: 'string', default: '100000' },
    policies: { type: 'string', default: '200' },
    tickets: { type: 'string', default: '100000' },
    'naive-firms': { type: 'string', default: '5000' },
    seed: { type: 'string', default: '7' },
  },
});
const FIRMS = Number(args.firms);
const POLICIES = Number(args.policies);
const TICKETS = Number(args.tickets);
const NAIVE_FIRMS = Math.min(Number(args['naive-firms']), FIRMS);

let seed = Number(args.seed);
const rnd = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
const ms = (t0: number) => Math.round(performance.now() - t0);

// ───────────── eligibility ─────────────
const TIERS = ['innovative_sme', 'specialized_sme', 'little_giant', 'high_tech', 'gazelle', 'above_scale'];
const REGIONS = ['420102', '420103', '420104', '420105', '420106', '420111', '420112', '420113', '420114', '420115'];
const CHAINS = ['oe', 'nev', 'bd', 'he', 'ai', 'sec'];

function firm(): FirmFacts {
  const revenue = rnd() < 0.1 ? null : Math.round(rnd() ** 2 * 100000);
  const rnd_wan = revenue === null ? null : Math.round(revenue * rnd() * 0.12);
  return {
    tiers: new Set(TIERS.filter(() => rnd() < 0.15)),
    values: {
      region_code: pick(REGIONS),
      chain_code: pick(CHAINS),
      is_chain_leader: rnd() < 0.02,
      age_years: Math.round(rnd() * 300) / 10,
      employees: Math.floor(rnd() * 2000),
      revenue_wan: revenue,
      rnd_wan,
      rnd_ratio_pct: revenue ? Math.round(((rnd_wan ?? 0) / revenue) * 10000) / 100 : null,
      tax_wan: revenue === null ? null : Math.round(revenue * 0.05),
      patents_invention: Math.floor(rnd() * 20),
    },
  };
}

function condition(i: number): Condition {
  const kind = Math.floor(rnd() * 7);
  const c = (field: string, op: string, value: unknown): Condition => ({
    id: `c${i}`,
    field,
    op,
    value,
    citation: `第${i + 1}条`,
  });
  switch (kind) {
    case 0:
      return c('tier', 'has', pick(TIERS));
    case 1:
      return c('region_code', 'in', REGIONS.filter(() => rnd() < 0.5).concat(pick(REGIONS)));
    case 2:
      return c('age_years', '>=', Math.floor(rnd() * 6));
    case 3:
      return c('revenue_wan', '>=', Math.round(rnd() * 5000));
    case 4:
      return c('rnd_ratio_pct', '>=', Math.round(rnd() * 6 * 10) / 10);
    case 5:
      return c('employees', 'between', [10, 100 + Math.floor(rnd() * 1000)]);
    default:
      return c('chain_code', 'in', [pick(CHAINS), pick(CHAINS)]);
  }
}

console.log(`enterprise services bench — node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'})`);
let t0 = performance.now();
const firms = Array.from({ length: FIRMS }, firm);
const policies = Array.from({ length: POLICIES }, (_, p) =>
  Array.from({ length: 2 + Math.floor(rnd() * 5) }, (_, i) => condition(p * 10 + i)),
);
console.log(
  `generated ${FIRMS} firms and ${POLICIES} policies (${policies.reduce((s, p) => s + p.length, 0)} conditions) in ${ms(t0)} ms`,
);

t0 = performance.now();
const compiled = policies.map((c, i) => compilePolicy(i, c));
let eligible = 0;
let near = 0;
// Which condition stops near misses, per policy and condition: what a policy office wants to know.
const nearBy = compiled.map((p) => new Uint32Array(p.tests.length));
for (const f of firms) {
  for (let j = 0; j < compiled.length; j++) {
    const r = scan(compiled[j] as CompiledPolicy, f);
    if (r === -1) eligible++;
    else if (r >= 0) {
      near++;
      const tally = nearBy[j] as Uint32Array;
      tally[r] = (tally[r] ?? 0) + 1;
    }
  }
}
const engineMs = ms(t0);
console.log(
  `eligibility engine: ${FIRMS} × ${POLICIES} = ${(FIRMS * POLICIES).toLocaleString('en')} pairs in ${engineMs} ms ` +
    `(${eligible.toLocaleString('en')} eligible, ${near.toLocaleString('en')} one condition short)`,
);

t0 = performance.now();
const naiveVerdicts: Verdict[] = [];
for (let i = 0; i < NAIVE_FIRMS; i++)
  for (const c of policies) naiveVerdicts.push(explain(compilePolicy(0, c), firms[i] as FirmFacts).verdict);
const naiveMs = ms(t0);
let disagree = 0;
let k = 0;
for (let i = 0; i < NAIVE_FIRMS; i++)
  for (const p of compiled) {
    const r = scan(p, firms[i] as FirmFacts);
    const n = naiveVerdicts[k++];
    const q = r === -1 ? 'eligible' : r === -2 ? 'not_eligible' : 'one_short';
    if (q === 'one_short' ? n !== 'near' && n !== 'unknown' : q !== n) disagree++;
  }
console.log(
  `eligibility baseline (interpret + explain every pair): ${NAIVE_FIRMS} firms × ${POLICIES} in ${naiveMs} ms → ` +
    `≈ ${Math.round((naiveMs * FIRMS) / NAIVE_FIRMS)} ms for ${FIRMS} firms (scaled); verdicts that differ from the engine: ${disagree}`,
);

// ───────────── SLA due times ─────────────
t0 = performance.now();
const calendar = new ChinaCalendar();
const clock = new WorkClock(calendar, DEFAULT_WINDOWS);
console.log(
  `calendar + clock built in ${ms(t0)} ms (chinese-days covers ${calendar.coveredYears[0]}–${calendar.coveredYears.at(-1)})`,
);

const BASE = Date.parse('2025-12-01T00:00:00+08:00');
const tickets = Array.from({ length: TICKETS }, () => {
  const created = BASE + Math.floor(rnd() * 360 * 86_400_000);
  const pauses: Pause[] = [];
  if (rnd() < 0.3) {
    const s = created + Math.floor(rnd() * 3 * 86_400_000);
    pauses.push({ start: s, end: rnd() < 0.2 ? null : s + Math.floor(rnd() * 4 * 86_400_000) });
  }
  return { created, minutes: pick([60, 120, 240, 480, 1260, 2100, 4200]), pauses };
});

t0 = performance.now();
const dues = new Float64Array(TICKETS);
for (let i = 0; i < TICKETS; i++) {
  const t = tickets[i] as (typeof tickets)[number];
  const d = dueWithPauses(clock, t.created, t.minutes, t.pauses);
  dues[i] = typeof d === 'number' ? d : -1;
}
const slaMs = ms(t0);
console.log(`SLA engine: due times of ${TICKETS.toLocaleString('en')} open tickets (30 % with a pause) in ${slaMs} ms`);

/** The straightforward way: walk the days, ask the package about each, then the windows. */
const WIN = DEFAULT_WINDOWS.map((w) => [
  Number(w.start.slice(0, 2)) * 60 + Number(w.start.slice(3)),
  Number(w.end.slice(0, 2)) * 60 + Number(w.end.slice(3)),
]);
const TZ = 8 * 3600_000;
function naiveWorking(a: number, b: number): number {
  let total = 0;
  let day = Math.floor((a + TZ) / 86_400_000);
  const last = Math.floor((b + TZ) / 86_400_000);
  for (; day <= last; day++) {
    const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (!chineseDays.isWorkday(date)) continue;
    const start = day * 86_400_000 - TZ;
    for (const [s, e] of WIN) {
      const ws = Math.max(a, start + (s as number) * 60_000);
      const we = Math.min(b, start + (e as number) * 60_000);
      if (we > ws) total += we - ws;
    }
  }
  return total / 60_000;
}
function naiveAdd(t: number, minutes: number): number {
  let left = minutes * 60_000;
  let day = Math.floor((t + TZ) / 86_400_000);
  for (;;) {
    const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (chineseDays.isWorkday(date)) {
      const start = day * 86_400_000 - TZ;
      for (const [s, e] of WIN) {
        const ws = Math.max(t, start + (s as number) * 60_000);
        const we = start + (e as number) * 60_000;
        if (we <= ws) continue;
        if (left <= we - ws) return ws + left;
        left -= we - ws;
      }
    }
    day++;
  }
}
function naiveDue(created: number, minutes: number, pauses: Pause[]): number {
  let cursor = created;
  let left = minutes;
  for (const p of pauses) {
    if (p.start > cursor) {
      const avail = naiveWorking(cursor, p.start);
      if (left <= avail) return naiveAdd(cursor, left);
      left -= avail;
    }
    if (p.end === null) return -1;
    cursor = Math.max(cursor, p.end);
  }
  return naiveAdd(cursor, left);
}

t0 = performance.now();
let mismatch = 0;
for (let i = 0; i < TICKETS; i++) {
  const t = tickets[i] as (typeof tickets)[number];
  const d = naiveDue(t.created, t.minutes, t.pauses);
  if (Math.abs(d - (dues[i] as number)) > 1) mismatch++;
}
const naiveSlaMs = ms(t0);
console.log(
  `SLA baseline (day walk with chinese-days isWorkday): ${TICKETS.toLocaleString('en')} tickets in ${naiveSlaMs} ms; due times that differ: ${mismatch}`,
);
console.log(
  `\nsummary: eligibility ${engineMs} ms (target < 5000) vs baseline ≈ ${Math.round((naiveMs * FIRMS) / NAIVE_FIRMS)} ms scaled; ` +
    `SLA ${slaMs} ms (target < 2000) vs baseline ${naiveSlaMs} ms`,
);
