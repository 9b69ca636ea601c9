import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSchedule, type SchedAssignment, type SchedProblem, scheduleMeetings } from './index.js';

/** Random small events: availability holes, pooled and fixed tables of various sizes, caps. */
const eventArb = fc
  .record({
    people: fc.integer({ min: 2, max: 9 }),
    perSession: fc.integer({ min: 1, max: 4 }),
    sessions: fc.integer({ min: 1, max: 2 }),
    pairs: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 18 }),
    holes: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 10 }),
    pooled: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 0, maxLength: 3 }),
    booths: fc.array(fc.nat(), { maxLength: 2 }),
    cap: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    capSession: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    personCap: fc.option(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 3 })), { nil: undefined }),
  })
  .map((r): SchedProblem => {
    const ids = Array.from({ length: r.people }, (_, i) => `P${i}`);
    const slots = Array.from({ length: r.perSession * r.sessions }, (_, i) => ({
      id: `s${i}`,
      session: `k${Math.floor(i / r.perSession)}`,
    }));
    const missing = new Map<string, Set<string>>();
    for (const [p, s] of r.holes) {
      const pid = ids[p % ids.length]!;
      const set = missing.get(pid) ?? new Set<string>();
      set.add(slots[s % slots.length]!.id);
      missing.set(pid, set);
    }
    const participants = ids.map((id) => {
      const gone = missing.get(id);
      return gone ? { id, available: slots.filter((s) => !gone.has(s.id)).map((s) => s.id) } : { id };
    });
    if (r.personCap) {
      const p = participants[r.personCap[0] % participants.length]!;
      Object.assign(p, { maxMeetings: r.personCap[1] });
    }
    const seen = new Set<string>();
    const meetings = [];
    for (const [x, y, w] of r.pairs) {
      const a = x % r.people;
      const b = y % r.people;
      const key = `${Math.min(a, b)}-${Math.max(a, b)}`;
      if (a === b || seen.has(key)) continue;
      seen.add(key);
      meetings.push({ id: `m${meetings.length}`, a: ids[a]!, b: ids[b]!, priority: w });
    }
    const tables = [
      ...r.pooled.map((c, i) => ({ id: `t${i}`, capacity: c })),
      ...r.booths.map((p, i) => ({ id: `b${i}`, fixedFor: ids[p % ids.length]! })),
    ];
    return {
      slots,
      tables,
      participants,
      meetings,
      maxMeetingsPerParticipant: r.cap,
      maxMeetingsPerSession: r.capSession,
    };
  })
  .filter((p) => p.meetings.length > 0);

/** Locks and publishes some meetings of a valid schedule, so locked meetings are consistent. */
function withLockedAndPublished(p: SchedProblem, xs: SchedAssignment[], lockEvery: number): SchedProblem {
  const byId = new Map(xs.map((x, i) => [x.meetingId, i]));
  return {
    ...p,
    meetings: p.meetings.map((m) => {
      const i = byId.get(m.id);
      if (i === undefined) return m;
      const where = { slot: xs[i]!.slot, table: xs[i]!.table };
      if (i % lockEvery === 0) return { ...m, locked: where };
      return i % 2 === 1 ? { ...m, published: where } : m;
    }),
  };
}

/** Exhaustive optimum of a tiny event, judged by the checker alone (partial schedules pruned). */
function bruteForce(p: SchedProblem): number {
  const options = [undefined, ...p.slots.flatMap((s) => p.tables.map((t) => ({ slot: s.id, table: t.id })))];
  let best = 0;
  const xs: SchedAssignment[] = [];
  const go = (i: number, value: number) => {
    if (checkSchedule(p, xs).some((v) => v.kind !== 'locked_moved')) return;
    if (i === p.meetings.length) {
      if (checkSchedule(p, xs).length === 0) best = Math.max(best, value);
      return;
    }
    const m = p.meetings[i]!;
    for (const o of options) {
      if (!o) go(i + 1, value);
      else {
        xs.push({ meetingId: m.id, ...o });
        go(i + 1, value + (m.priority ?? 1));
        xs.pop();
      }
    }
  };
  go(0, 0);
  return best;
}

describe('scheduler properties', () => {
  it('the MILP matches an exhaustive search on tiny events, and bounds hold', async () => {
    const tiny = eventArb.filter((p) => p.meetings.length <= 5 && p.slots.length <= 3 && p.tables.length <= 3);
    await fc.assert(
      fc.asyncProperty(tiny, async (p) => {
        const best = bruteForce(p);
        const milp = await scheduleMeetings(p, { method: 'milp', timeLimitMs: 2000 });
        const heuristic = await scheduleMeetings(p, { method: 'heuristic', timeLimitMs: 1000 });
        expect(milp.optimal).toBe(true);
        expect(milp.weightedScheduled).toBe(best);
        expect(heuristic.weightedScheduled).toBeLessThanOrEqual(best);
        expect(heuristic.upperBound).toBeGreaterThanOrEqual(best);
        // The counting bound (the greedy's) must hold too.
        const greedy = await scheduleMeetings(p, { method: 'greedy' });
        expect(greedy.upperBound).toBeGreaterThanOrEqual(best);
      }),
      { numRuns: 25, seed: 11 },
    );
  }, 60_000);

  it('every method gives a valid schedule, never worse than greedy, within its bound', async () => {
    await fc.assert(
      fc.asyncProperty(eventArb, fc.integer({ min: 2, max: 5 }), async (raw, lockEvery) => {
        const first = await scheduleMeetings(raw, { method: 'greedy' });
        const p = withLockedAndPublished(raw, first.assignments, lockEvery);
        const greedy = await scheduleMeetings(p, { method: 'greedy' });
        const heuristic = await scheduleMeetings(p, { method: 'heuristic', timeLimitMs: 2000 });
        const milp = await scheduleMeetings(p, { method: 'milp', timeLimitMs: 2000 });
        for (const r of [greedy, heuristic, milp]) {
          expect(checkSchedule(p, r.assignments), r.method).toEqual([]);
          expect(r.weightedScheduled).toBeLessThanOrEqual(r.upperBound + 1e-9);
          expect(r.assignments.length + r.unscheduled.length).toBe(p.meetings.length);
        }
        expect(heuristic.weightedScheduled).toBeGreaterThanOrEqual(greedy.weightedScheduled - 1e-9);
        expect(milp.weightedScheduled).toBeGreaterThanOrEqual(heuristic.weightedScheduled - 1e-9);
        // Bounds are valid for every method: none may exceed another's bound.
        const lowestBound = Math.min(greedy.upperBound, heuristic.upperBound, milp.upperBound);
        expect(milp.weightedScheduled).toBeLessThanOrEqual(lowestBound + 1e-9);
        if (milp.optimal) expect(milp.weightedScheduled).toBe(milp.upperBound);
      }),
      { numRuns: 40, seed: 20261122 },
    );
  }, 60_000);

  it('the checker catches a broken schedule', async () => {
    await fc.assert(
      fc.asyncProperty(eventArb, fc.nat(), fc.integer({ min: 0, max: 4 }), async (p, pick, how) => {
        const r = await scheduleMeetings(p, { method: 'greedy' });
        fc.pre(r.assignments.length > 0);
        const xs = r.assignments.map((x) => ({ ...x }));
        const i = pick % xs.length;
        const x = xs[i]!;
        const m = p.meetings.find((y) => y.id === x.meetingId)!;
        let kind: string;
        if (how === 0) {
          xs.push({ ...x });
          kind = 'duplicate_meeting';
        } else if (how === 1) {
          x.slot = 'nowhere';
          kind = 'unknown_slot';
        } else if (how === 2) {
          // Another meeting of the same participant moved into this slot.
          const other = p.meetings.find((y) => y.id !== m.id && (y.a === m.a || y.b === m.a));
          fc.pre(other !== undefined);
          const placed = xs.find((z) => z.meetingId === other!.id);
          if (placed) placed.slot = x.slot;
          else xs.push({ meetingId: other!.id, slot: x.slot, table: x.table });
          kind = 'double_booked';
        } else if (how === 3) {
          // Over-fill the table: add meetings at it until it exceeds its capacity.
          const cap = p.tables.find((t) => t.id === x.table)?.capacity ?? 1;
          const extra = p.meetings.filter((y) => !xs.some((z) => z.meetingId === y.id)).slice(0, cap);
          fc.pre(extra.length === cap);
          for (const y of extra) xs.push({ meetingId: y.id, slot: x.slot, table: x.table });
          kind = 'table_over_capacity';
        } else {
          const locked = {
            ...p,
            meetings: p.meetings.map((y) => (y.id === m.id ? { ...y, locked: { slot: x.slot, table: x.table } } : y)),
          };
          expect(
            checkSchedule(
              locked,
              xs.filter((z) => z !== x),
            ).map((v) => v.kind),
          ).toContain('locked_moved');
          return;
        }
        expect(checkSchedule(p, xs).map((v) => v.kind)).toContain(kind);
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});
