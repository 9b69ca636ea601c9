/**
 * Service-level targets of a ticket and when to escalate it.
 *
 * Two independent targets (first response, resolution), each in working minutes counted on the
 * handling organisation's WorkClock, with the clock stopped while the ticket waits on the enterprise.
 * The design answers three bugs of Zammad and osTicket (../shared/reference/next-modules.md):
 *   - one target never overrides another (Zammad #5177): each is computed on its own;
 *   - no escalation at night, at weekends or on holidays (Zammad #4432): an escalation that falls
 *     due outside service hours waits for the next service window of the team that receives it;
 *   - no escalation once a reply met the target (Zammad #3140): a met target is final.
 */
import { dueWithPauses, elapsedWithPauses, type Pause, type WorkClock } from './calendar.js';

export const SLA_TARGETS = ['first_response', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

export interface SlaPolicy {
  firstResponseMinutes: number;
  resolutionMinutes: number;
  /** Escalate when this much working time is left (0: only once missed). */
  warnMinutes: number;
}

export interface TicketClock {
  createdAt: number;
  /**
   * When the resolution clock started, if not at creation: a reopened ticket gets a fresh resolution
   * target from its latest reopening (the first response stays as it was).
   */
  resolutionFrom?: number | null;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  pauses: readonly Pause[];
}

export type TargetStatus = 'running' | 'paused' | 'met' | 'missed' | 'overdue';

export interface TargetState {
  target: SlaTarget;
  minutes: number;
  /** When the target falls due (null while paused or beyond the calendar). */
  dueAt: number | null;
  status: TargetStatus;
  /** Working minutes left (negative when overdue); null when met, missed or paused. */
  remainingMinutes: number | null;
}

/** The instant a target's clock starts. */
export const startOf = (t: TicketClock, target: SlaTarget) =>
  target === 'resolution' && t.resolutionFrom != null ? Math.max(t.resolutionFrom, t.createdAt) : t.createdAt;

export function targetState(
  clock: WorkClock,
  t: TicketClock,
  target: SlaTarget,
  minutes: number,
  now: number,
): TargetState {
  const doneAt = target === 'first_response' ? t.firstResponseAt : t.resolvedAt;
  const start = startOf(t, target);
  const due = dueWithPauses(clock, start, minutes, t.pauses);
  const dueAt = typeof due === 'number' ? due : null;
  if (doneAt !== null) {
    // A paused clock at the time of the reply cannot have missed the target.
    const met = dueAt === null || doneAt <= dueAt;
    return { target, minutes, dueAt, status: met ? 'met' : 'missed', remainingMinutes: null };
  }
  if (due === 'paused') return { target, minutes, dueAt: null, status: 'paused', remainingMinutes: null };
  const remaining = minutes - elapsedWithPauses(clock, start, now, t.pauses);
  return {
    target,
    minutes,
    dueAt,
    status: dueAt !== null && now > dueAt ? 'overdue' : 'running',
    remainingMinutes: Math.round(remaining * 100) / 100,
  };
}

export interface SlaEvaluation {
  firstResponse: TargetState;
  resolution: TargetState;
}

export function evaluateSla(clock: WorkClock, t: TicketClock, p: SlaPolicy, now: number): SlaEvaluation {
  return {
    firstResponse: targetState(clock, t, 'first_response', p.firstResponseMinutes, now),
    resolution: targetState(clock, t, 'resolution', p.resolutionMinutes, now),
  };
}

export interface EscalationDecision {
  /** Targets to escalate now. */
  escalate: { target: SlaTarget; reason: 'will_miss' | 'missed'; dueAt: number | null }[];
  /** When to look again (null: nothing left to watch, or the clock is paused). */
  nextCheckAt: number | null;
}

/**
 * Which targets to escalate at `now`, and when to check again. `clock` counts the ticket's targets
 * (the handling team's hours); `receiver` is the clock of the team that would receive the
 * escalation: nothing is escalated outside its service hours, the check moves to its next window.
 */
export function decideEscalation(
  clock: WorkClock,
  receiver: WorkClock,
  t: TicketClock,
  p: SlaPolicy,
  alreadyEscalated: ReadonlySet<SlaTarget>,
  now: number,
): EscalationDecision {
  const ev = evaluateSla(clock, t, p, now);
  const escalate: EscalationDecision['escalate'] = [];
  let next: number | null = null;
  const consider = (s: TargetState) => {
    if (alreadyEscalated.has(s.target)) return;
    if (s.status !== 'running' && s.status !== 'overdue') return; // met, missed after the fact, paused
    const remaining = s.remainingMinutes ?? 0;
    if (s.status === 'overdue' || remaining <= p.warnMinutes) {
      escalate.push({ target: s.target, reason: s.status === 'overdue' ? 'missed' : 'will_miss', dueAt: s.dueAt });
      return;
    }
    // The warning point: when `minutes − warn` working minutes will have passed.
    const warnAt = dueWithPauses(clock, startOf(t, s.target), s.minutes - p.warnMinutes, t.pauses);
    if (typeof warnAt === 'number') next = next === null ? warnAt : Math.min(next, warnAt);
  };
  consider(ev.firstResponse);
  consider(ev.resolution);
  if (escalate.length > 0 && !receiver.isWorkingInstant(now)) {
    // Never at night or on a holiday: hold the escalation until the receiver's next service window.
    return { escalate: [], nextCheckAt: receiver.nextWorkingInstant(now) };
  }
  if (next !== null) {
    const n: number = next;
    next = receiver.nextWorkingInstant(Math.max(n, now));
  }
  return { escalate, nextCheckAt: next };
}
