import { describe, expect, it } from 'vitest';
import {
  checkSchedule,
  generateEvent,
  type SchedMethod,
  type SchedProblem,
  type SchedResult,
  scheduleMeetings,
} from './index.js';

const slots = (n: number, sessions = 1) =>
  Array.from({ length: n * sessions }, (_, i) => ({
    id: `s${i + 1}`,
    session: `k${Math.floor(i / n) + 1}`,
  }));
const METHODS: SchedMethod[] = ['greedy', 'heuristic', 'milp'];

async function each(p: SchedProblem, fn: (r: SchedResult, method: SchedMethod) => void): Promise<void> {
  for (const method of METHODS) {
    const r = await scheduleMeetings(p, { method, timeLimitMs: 5000 });
    expect(checkSchedule(p, r.assignments), method).toEqual([]);
    fn(r, method);
  }
}
const at = (r: SchedResult, id: string) => r.assignments.find((x) => x.meetingId === id);
const reason = (r: SchedResult, id: string) => r.unscheduled.find((x) => x.meetingId === id)?.reason;

describe('scheduleMeetings', () => {
  it('puts one participant’s meetings in different slots', async () => {
    const p: SchedProblem = {
      slots: slots(3),
      tables: [{ id: 't1' }, { id: 't2' }],
      participants: ['A', 'B', 'C', 'D'].map((id) => ({ id })),
      meetings: [
        { id: 'ab', a: 'A', b: 'B' },
        { id: 'ac', a: 'A', b: 'C' },
        { id: 'ad', a: 'A', b: 'D' },
      ],
    };
    await each(p, (r) => {
      expect(r.scheduledCount).toBe(3);
      expect(new Set(r.assignments.map((x) => x.slot)).size).toBe(3);
    });
  });

  it('respects table capacity and prefers the heavier meeting', async () => {
    const p: SchedProblem = {
      slots: slots(1),
      tables: [{ id: 't1' }],
      participants: ['A', 'B', 'C', 'D'].map((id) => ({ id })),
      meetings: [
        { id: 'ab', a: 'A', b: 'B', priority: 1 },
        { id: 'cd', a: 'C', b: 'D', priority: 3 },
      ],
    };
    await each(p, (r) => {
      expect(r.assignments.map((x) => x.meetingId)).toEqual(['cd']);
      expect(reason(r, 'ab')).toBe('no_room');
    });
    p.tables[0]!.capacity = 2;
    await each(p, (r) => expect(r.scheduledCount).toBe(2));
  });

  it('seats booth owners at their booth and keeps others off it', async () => {
    const p: SchedProblem = {
      slots: slots(2),
      tables: [{ id: 'booth', fixedFor: 'S' }, { id: 't1' }],
      participants: ['S', 'A', 'B', 'C'].map((id) => ({ id })),
      meetings: [
        { id: 'sa', a: 'S', b: 'A' },
        { id: 'sb', a: 'S', b: 'B' },
        { id: 'bc', a: 'B', b: 'C' },
      ],
    };
    await each(p, (r) => {
      expect(r.scheduledCount).toBe(3);
      expect(at(r, 'sa')?.table).toBe('booth');
      expect(at(r, 'sb')?.table).toBe('booth');
      expect(at(r, 'bc')?.table).toBe('t1');
    });
  });

  it('meets only when both are available, and says so when they never are', async () => {
    const p: SchedProblem = {
      slots: slots(4),
      tables: [{ id: 't1' }],
      participants: [{ id: 'A', available: ['s3'] }, { id: 'B' }, { id: 'C', available: ['s1', 's2'] }],
      meetings: [
        { id: 'ab', a: 'A', b: 'B' },
        { id: 'ac', a: 'A', b: 'C' },
      ],
    };
    await each(p, (r) => {
      expect(at(r, 'ab')?.slot).toBe('s3');
      expect(reason(r, 'ac')).toBe('no_common_slot');
    });
  });

  it('stops at the caps and says so', async () => {
    const p: SchedProblem = {
      slots: slots(3, 2),
      tables: [{ id: 't1' }, { id: 't2' }],
      participants: [{ id: 'A', maxMeetings: 3 }, { id: 'B' }, { id: 'C' }, { id: 'D' }, { id: 'E' }],
      meetings: ['B', 'C', 'D', 'E'].map((x, i) => ({ id: `a${x}`, a: 'A', b: x, priority: i === 3 ? 1 : 2 })),
      maxMeetingsPerSession: 2,
    };
    await each(p, (r) => {
      expect(r.scheduledCount).toBe(3);
      expect(reason(r, 'aE')).toBe('cap_reached');
      const perSession = new Map<string, number>();
      for (const x of r.assignments)
        perSession.set(x.slot < 's4' ? 'k1' : 'k2', (perSession.get(x.slot < 's4' ? 'k1' : 'k2') ?? 0) + 1);
      expect(Math.max(...perSession.values())).toBeLessThanOrEqual(2);
    });
  });

  it('never moves a locked meeting, even when moving it would fit more', async () => {
    const p: SchedProblem = {
      slots: slots(2),
      tables: [{ id: 't1' }, { id: 't2' }],
      participants: [{ id: 'A' }, { id: 'B', available: ['s1'] }, { id: 'C' }],
      meetings: [
        { id: 'ac', a: 'A', b: 'C', locked: { slot: 's1', table: 't2' } },
        { id: 'ab', a: 'A', b: 'B', priority: 3 },
      ],
    };
    await each(p, (r) => {
      expect(at(r, 'ac')).toEqual({ meetingId: 'ac', slot: 's1', table: 't2' });
      expect(reason(r, 'ab')).toBe('no_room');
    });
  });

  it('keeps published meetings where they are', async () => {
    const p: SchedProblem = {
      slots: slots(4),
      tables: [{ id: 't1' }, { id: 't2' }],
      participants: ['A', 'B', 'C'].map((id) => ({ id })),
      meetings: [
        { id: 'ab', a: 'A', b: 'B', published: { slot: 's3', table: 't2' } },
        { id: 'bc', a: 'B', b: 'C', published: { slot: 's4', table: 't1' } },
      ],
    };
    await each(p, (r) => {
      expect(at(r, 'ab')).toEqual({ meetingId: 'ab', slot: 's3', table: 't2' });
      expect(at(r, 'bc')).toEqual({ meetingId: 'bc', slot: 's4', table: 't1' });
      expect(r.moved).toBe(0);
    });
  });

  it('closes idle gaps where the greedy leaves one', async () => {
    // A meets B, who is only there in s3, and C, who is always there: greedy puts A–C in s1.
    const p: SchedProblem = {
      slots: slots(4),
      tables: [{ id: 't1' }, { id: 't2' }],
      participants: [{ id: 'A' }, { id: 'B', available: ['s3'] }, { id: 'C' }],
      meetings: [
        { id: 'ab', a: 'A', b: 'B' },
        { id: 'ac', a: 'A', b: 'C' },
      ],
    };
    await each(p, (r, method) => {
      expect(r.scheduledCount).toBe(2);
      if (method === 'greedy') expect(r.idleGaps).toBe(1);
      else expect(r.idleGaps).toBe(0);
    });
  });

  it('proves small optimums and reports a bound that holds', async () => {
    const p: SchedProblem = {
      slots: slots(2),
      tables: [{ id: 't1' }, { id: 't2' }],
      participants: ['A', 'B', 'C'].map((id) => ({ id })),
      // A triangle in two slots: at most two of the three meetings.
      meetings: [
        { id: 'ab', a: 'A', b: 'B', priority: 2 },
        { id: 'bc', a: 'B', b: 'C', priority: 2 },
        { id: 'ac', a: 'A', b: 'C', priority: 1 },
      ],
    };
    const r = await scheduleMeetings(p, { method: 'milp' });
    expect(r.weightedScheduled).toBe(4);
    expect(r.optimal).toBe(true);
    expect(r.upperBound).toBe(4);
    expect(r.gap).toBe(0);
    const g = await scheduleMeetings(p, { method: 'greedy' });
    expect(g.upperBound).toBeGreaterThanOrEqual(4);
  });
});

describe('re-scheduling', () => {
  it('keeps published meetings in place after a few changes', async () => {
    const p = generateEvent({ participants: 60, meetings: 300, seed: 3 });
    const first = await scheduleMeetings(p, { method: 'heuristic' });
    const where = new Map(first.assignments.map((x) => [x.meetingId, x]));
    // Two meetings are cancelled and one new request is accepted.
    const meetings = p.meetings.slice(2).map((m) => {
      const x = where.get(m.id);
      return x ? { ...m, published: { slot: x.slot, table: x.table } } : m;
    });
    meetings.push({ id: 'late', a: p.participants[0]!.id, b: p.participants[1]!.id, priority: 1 });
    const changed = { ...p, meetings };
    const published = meetings.filter((m) => m.published).length;
    for (const method of ['heuristic', 'milp'] as const) {
      const again = await scheduleMeetings(changed, { method, timeLimitMs: 5000 });
      expect(checkSchedule(changed, again.assignments)).toEqual([]);
      expect(again.weightedScheduled).toBeGreaterThanOrEqual(first.weightedScheduled - 2 * 3);
      expect(again.moved / published).toBeLessThan(0.1);
    }
  });

  it('gives a valid schedule, no worse than greedy, under a short time limit on a large event', async () => {
    const p = generateEvent({ participants: 800, meetings: 5000, seed: 5 });
    const r = await scheduleMeetings(p, { method: 'heuristic', timeLimitMs: 300 });
    const g = await scheduleMeetings(p, { method: 'greedy' });
    expect(checkSchedule(p, r.assignments)).toEqual([]);
    expect(r.weightedScheduled).toBeGreaterThanOrEqual(g.weightedScheduled);
  }, 20_000);
});
