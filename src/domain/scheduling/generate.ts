/**
 * Synthetic matchmaking events for tests and the benchmark (bench/scheduler.ts). Participants
 * are buyers, sellers, investors and parks; requests go between compatible roles with a skewed
 * popularity (a few sellers and parks are asked by many), some people miss part of a session,
 * a few exhibitors have fixed booths, priorities are 1–3. Deterministic for a seed.
 */
import { rng } from '../random.js';
import type { SchedMeeting, SchedParticipant, SchedProblem, SchedSlot, SchedTable } from './types.js';

export interface GenerateOptions {
  participants: number;
  /** Accepted requests wanted (fewer when the roles cannot supply that many distinct pairs). */
  meetings: number;
  sessions?: number;
  slotsPerSession?: number;
  seed?: number;
  /** Share of participants with gaps in their availability (default 0.25). */
  partialAvailability?: number;
  /** Share of sellers and parks with a fixed booth (default 0.05). */
  fixedShare?: number;
  /** Pooled seats per slot as a multiple of meetings ÷ slots (default 1.15). */
  tableSlack?: number;
  maxPerSession?: number;
  /** Overall cap for buyers (default 12); others use maxPerSession × sessions. */
  buyerCap?: number;
}

/** The seeded generator the event generator uses (re-exported for tests and the benchmark). */
export { rng };

type Role = 'buyer' | 'seller' | 'investor' | 'park';
const PAIRS: [Role, Role, number][] = [
  ['buyer', 'seller', 0.5],
  ['investor', 'seller', 0.2],
  ['investor', 'park', 0.15],
  ['seller', 'park', 0.15],
];

/** Generates one event; ids are p0001…, m00001…, s1-01…, t001…, b001… (booths). */
export function generateEvent(o: GenerateOptions): SchedProblem {
  const r = rng(o.seed ?? 1);
  const K = o.sessions ?? 2;
  const L = o.slotsPerSession ?? 8;
  const slots: SchedSlot[] = [];
  for (let k = 1; k <= K; k++)
    for (let i = 1; i <= L; i++) slots.push({ id: `s${k}-${String(i).padStart(2, '0')}`, session: `session-${k}` });
  const roles: Role[] = [];
  const byRole: Record<Role, number[]> = { buyer: [], seller: [], investor: [], park: [] };
  const pop: number[] = [];
  const participants: SchedParticipant[] = [];
  const maxPerSession = o.maxPerSession ?? L - 1;
  for (let i = 0; i < o.participants; i++) {
    const x = r();
    const role: Role = x < 0.35 ? 'buyer' : x < 0.7 ? 'seller' : x < 0.85 ? 'investor' : 'park';
    roles.push(role);
    byRole[role].push(i);
    pop.push(Math.min(4, 1 / (0.25 + r())));
    const p: SchedParticipant = { id: `p${String(i + 1).padStart(4, '0')}` };
    if (r() < (o.partialAvailability ?? 0.25)) {
      // Misses a whole session, or arrives late / leaves early in one.
      const k = Math.floor(r() * K);
      const mode = r();
      p.available = slots
        .filter((_s, j) => {
          const inK = Math.floor(j / L) === k;
          const pos = j % L;
          if (!inK) return true;
          if (mode < 0.3) return false;
          return mode < 0.65 ? pos >= Math.floor(L / 3) : pos < L - Math.floor(L / 3);
        })
        .map((s) => s.id);
    }
    if (role === 'buyer') p.maxMeetings = o.buyerCap ?? 12;
    participants.push(p);
  }
  const pick = (list: number[]): number => {
    let total = 0;
    for (const i of list) total += pop[i]!;
    let t = r() * total;
    for (const i of list) {
      t -= pop[i]!;
      if (t <= 0) return i;
    }
    return list[list.length - 1]!;
  };
  const seen = new Set<string>();
  const meetings: SchedMeeting[] = [];
  let tries = 0;
  while (meetings.length < o.meetings && tries < o.meetings * 20) {
    tries++;
    let x = r();
    let pair = PAIRS[0]!;
    for (const p of PAIRS) {
      x -= p[2];
      if (x <= 0) {
        pair = p;
        break;
      }
    }
    if (byRole[pair[0]].length === 0 || byRole[pair[1]].length === 0) continue;
    const a = pick(byRole[pair[0]]);
    const b = pick(byRole[pair[1]]);
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    if (a === b || seen.has(key)) continue;
    seen.add(key);
    const y = r();
    meetings.push({
      id: `m${String(meetings.length + 1).padStart(5, '0')}`,
      a: participants[a]!.id,
      b: participants[b]!.id,
      priority: y < 0.15 ? 3 : y < 0.45 ? 2 : 1,
    });
  }
  const tables: SchedTable[] = [];
  let booths = 0;
  for (const i of [...byRole.seller, ...byRole.park])
    if (r() < (o.fixedShare ?? 0.05))
      tables.push({ id: `b${String(++booths).padStart(3, '0')}`, fixedFor: participants[i]!.id });
  const pooled = Math.max(1, Math.ceil(((meetings.length / slots.length) * (o.tableSlack ?? 1.15)) / 1));
  for (let i = 1; i <= pooled; i++) tables.push({ id: `t${String(i).padStart(3, '0')}` });
  return { slots, tables, participants, meetings, maxMeetingsPerSession: maxPerSession };
}
