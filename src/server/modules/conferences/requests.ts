/**
 * Use cases: meeting requests. A participant asks another for a meeting; the invitee accepts or
 * declines; either side (or an organiser) cancels. Pending requests expire after the conference's
 * expiry hours (see repository.expirePending, run on every read), so they never hold a pair or a slot.
 */
import type { z } from 'zod';
import type { TRequest, ZRequestInput } from '../../../contracts/conferences.js';
import { type FieldProblem, fieldProblem } from '../../../contracts/errors.js';
import type { Db } from '../../../db/connect.js';
import { forbidden, invalid, notFound } from '../../lib/errors.js';
import type { Loaded } from './conference.js';
import { assertActFor } from './policy.js';
import * as repo from './repository.js';

export async function sendRequest(
  db: Db,
  c: Loaded,
  input: z.output<typeof ZRequestInput>,
  by: string | null,
): Promise<number> {
  const problems: FieldProblem[] = [];
  const from = c.participants.find((p) => p.id === input.fromId);
  const to = c.participants.find((p) => p.id === input.toId);
  if (!from) problems.push(fieldProblem(['fromId'], 'reference_not_found'));
  if (!to) problems.push(fieldProblem(['toId'], 'reference_not_found'));
  if (input.fromId === input.toId)
    problems.push(
      fieldProblem(['toId'], 'invalid_value', { zh: '不能约见自己', en: 'a participant cannot meet itself' }),
    );
  if (from) assertActFor(c.access, from.id);
  if (input.status === 'accepted' && !c.access.manage)
    problems.push(
      fieldProblem(['status'], 'invalid_value', {
        zh: '只有组织方可直接录入已接受的请求',
        en: 'only organisers record an accepted request directly',
      }),
    );
  if (from && to && from.id !== to.id) {
    const open = (await repo.listRequests(db, c.event.id, { participantIds: [from.id] })).find(
      (r) =>
        (r.status === 'pending' || r.status === 'accepted') &&
        ((r.fromId === from.id && r.toId === to.id) || (r.fromId === to.id && r.toId === from.id)),
    );
    if (open)
      problems.push(
        fieldProblem(['toId'], 'duplicate', {
          zh: `与 ${to.organisation} 已有未结束的约见请求`,
          en: `an open request with ${to.organisation} already exists`,
        }),
      );
  }
  if (problems.length) throw invalid(problems);
  return repo.insertRequest(db, c.event.id, {
    fromId: input.fromId,
    toId: input.toId,
    message: input.message ?? null,
    priority: input.priority,
    status: input.status,
    expiryHours: c.settings.requestExpiryHours,
    synthetic: input.synthetic,
    createdBy: by,
  });
}

const NEXT: Record<'accept' | 'decline' | 'cancel', { to: string; from: string[] }> = {
  accept: { to: 'accepted', from: ['pending'] },
  decline: { to: 'declined', from: ['pending'] },
  cancel: { to: 'cancelled', from: ['pending', 'accepted'] },
};

const STATUS_TEXT: Record<string, { zh: string; en: string }> = {
  pending: { zh: '待回复', en: 'pending' },
  accepted: { zh: '已接受', en: 'accepted' },
  declined: { zh: '已谢绝', en: 'declined' },
  expired: { zh: '已过期', en: 'expired' },
  cancelled: { zh: '已取消', en: 'cancelled' },
};

/** accept / decline (the invitee or an organiser), cancel (either side or an organiser). */
export async function answerRequest(
  db: Db,
  c: Loaded,
  id: number,
  action: 'accept' | 'decline' | 'cancel',
): Promise<TRequest> {
  const r = await repo.findRequest(db, c.event.id, id);
  if (!r) throw notFound();
  if (!c.access.manage) {
    const mine = action === 'cancel' ? [r.fromId, r.toId] : [r.toId];
    if (!mine.some((p) => c.access.own.includes(p)) || c.access.readOnly) throw forbidden();
  }
  const step = NEXT[action];
  if (!step.from.includes(r.status) || !(await repo.setRequestStatus(db, id, step.to, step.from))) {
    const s = STATUS_TEXT[r.status] ?? { zh: r.status, en: r.status };
    throw invalid([
      fieldProblem(['action'], 'invalid_value', {
        zh: `请求当前为"${s.zh}"，不能${action === 'accept' ? '接受' : action === 'decline' ? '谢绝' : '取消'}`,
        en: `the request is ${s.en} and cannot be ${action === 'accept' ? 'accepted' : action === 'decline' ? 'declined' : 'cancelled'}`,
      }),
    ]);
  }
  return (await repo.findRequest(db, c.event.id, id)) as TRequest;
}

/** Requests the caller may see: all for organisers and analysts, its own participants' otherwise. */
export async function visibleRequests(
  db: Db,
  c: Loaded,
  f: { status?: string | undefined; participantId?: number | undefined },
): Promise<TRequest[]> {
  if (!c.access.readAll && c.access.own.length === 0) throw forbidden();
  let ids = f.participantId !== undefined ? [f.participantId] : undefined;
  if (!c.access.readAll) ids = ids ? ids.filter((x) => c.access.own.includes(x)) : c.access.own;
  return repo.listRequests(db, c.event.id, { status: f.status, participantIds: ids });
}
