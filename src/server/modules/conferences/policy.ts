/**
 * Who may do what at a conference.
 *
 *   organisers   city_admin, investment_officer, and users named in the conference's organisers:
 *                change settings, participants, requests and the schedule; see everything
 *   city_analyst reads everything, changes nothing
 *   enterprise_user  its own participants: their requests (send, answer, cancel), their agenda once
 *                published, their check-in code
 *   others       the settings and the participant directory (organisation, person, role) only
 */
import type { FastifyRequest } from 'fastify';
import { forbidden } from '../../lib/errors.js';
import { may } from '../../platform/policy/index.js';
import type { Actor } from '../auth/actor.js';

export interface Access {
  /** Changes anything of this conference. */
  manage: boolean;
  /** Reads every request, the schedule and every agenda. */
  readAll: boolean;
  /** Participants the caller acts for (enterprise users: those linked to its enterprise). */
  own: number[];
  /** A read-only token: may act for its own participants in reads only. */
  readOnly: boolean;
}

/** The caller of a request as conference access (the system, without sign-in, organises everything). */
export function accessOf(
  req: FastifyRequest,
  conf: { organiserUserIds: number[] },
  participants: readonly { id: number; enterpriseId: number | null }[],
): Access {
  if (req.system || !req.actor)
    return { manage: Boolean(req.system), readAll: Boolean(req.system), own: [], readOnly: !req.system };
  return accessOfActor(req.actor, conf, participants);
}

export function accessOfActor(
  a: Actor,
  conf: { organiserUserIds: number[] },
  participants: readonly { id: number; enterpriseId: number | null }[],
): Access {
  // Organiser roles come from the policy registry (with a read-only token they still read all).
  const organiser = may({ ...a, readOnly: false }, 'organiseConferences') || conf.organiserUserIds.includes(a.userId);
  const manage = organiser && !a.readOnly;
  const readAll = organiser || may(a, 'seeFigures');
  const own =
    a.role === 'enterprise_user' && a.enterpriseId !== null
      ? participants.filter((p) => p.enterpriseId === a.enterpriseId).map((p) => p.id)
      : [];
  return { manage, readAll, own, readOnly: a.readOnly };
}

export function assertManage(access: Access): void {
  if (!access.manage) throw forbidden();
}

/** Acts for a participant (sends, answers a request): organisers, or its own enterprise with a writable session. */
export function assertActFor(access: Access, participantId: number): void {
  if (access.manage) return;
  if (access.readOnly || !access.own.includes(participantId)) throw forbidden();
}

/** Reads a participant's own data: organisers, analysts, or the participant's own enterprise. */
export function assertParticipantVisible(access: Access, participantId: number): void {
  if (!access.readAll && !access.own.includes(participantId)) throw forbidden();
}
