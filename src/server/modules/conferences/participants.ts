/** Use cases: add, change and remove a conference's participants; check them in. */
import type { z } from 'zod';
import type { ZParticipantInput, ZParticipantPatch } from '../../../contracts/conferences.js';
import { type FieldProblem, fieldProblem } from '../../../contracts/errors.js';
import type { Db } from '../../../db/connect.js';
import { AppError, invalid, notFound } from '../../lib/errors.js';
import type { Loaded } from './conference.js';
import { windowProblems } from './grid.js';
import { assertManage } from './policy.js';
import * as repo from './repository.js';

type Input = z.output<typeof ZParticipantInput>;

async function problemsOf(
  db: Db,
  c: Loaded,
  v: repo.ParticipantValues,
  selfId: number | null,
): Promise<FieldProblem[]> {
  const out = windowProblems(v.availability as never, c.settings.sessions);
  if (v.enterpriseId !== null) {
    const [e] = await db.query('select 1 from enterprises where id = $1', [v.enterpriseId]);
    if (!e) out.push(fieldProblem(['enterpriseId'], 'reference_not_found'));
  }
  if (v.tableNo !== null) {
    if (v.tableNo > c.settings.tableCount)
      out.push(
        fieldProblem(['tableNo'], 'too_big', {
          zh: `共 ${c.settings.tableCount} 张桌`,
          en: `there are ${c.settings.tableCount} tables`,
        }),
      );
    const holder = c.participants.find((p) => p.tableNo === v.tableNo && p.id !== selfId);
    if (holder)
      out.push(
        fieldProblem(['tableNo'], 'duplicate', {
          zh: `${v.tableNo} 号桌已分给 ${holder.organisation}`,
          en: `table ${v.tableNo} is already ${holder.organisation}'s`,
        }),
      );
  }
  return out;
}

const valuesOf = (i: Input): repo.ParticipantValues => ({
  organisation: i.organisation,
  enterpriseId: i.enterpriseId ?? null,
  person: i.person,
  title: i.title ?? null,
  contact: i.contact ?? null,
  role: i.role,
  availability: i.availability ?? null,
  tableNo: i.tableNo ?? null,
  maxMeetings: i.maxMeetings ?? null,
  maxPerSession: i.maxPerSession ?? null,
  synthetic: i.synthetic,
});

export async function addParticipant(db: Db, c: Loaded, input: Input): Promise<number> {
  assertManage(c.access);
  const v = valuesOf(input);
  const problems = await problemsOf(db, c, v, null);
  if (problems.length) throw invalid(problems);
  return repo.insertParticipant(db, c.event.id, v);
}

export async function changeParticipant(
  db: Db,
  c: Loaded,
  id: number,
  patch: z.output<typeof ZParticipantPatch>,
): Promise<void> {
  assertManage(c.access);
  const cur = c.participants.find((p) => p.id === id);
  if (!cur) throw notFound();
  const { version, ...rest } = patch;
  const v: repo.ParticipantValues = {
    organisation: cur.organisation,
    enterpriseId: cur.enterpriseId,
    person: cur.person,
    title: cur.title,
    contact: cur.contact,
    role: cur.role,
    availability: cur.availability,
    tableNo: cur.tableNo,
    maxMeetings: cur.maxMeetings,
    maxPerSession: cur.maxPerSession,
    synthetic: cur.synthetic,
  };
  for (const [k, val] of Object.entries(rest))
    if (val !== undefined) (v as unknown as Record<string, unknown>)[k] = val;
  const problems = await problemsOf(db, c, v, id);
  if (problems.length) throw invalid(problems);
  if (!(await repo.updateParticipant(db, id, v, version))) throw new AppError(409, 'stale_version');
}

export async function removeParticipant(db: Db, c: Loaded, id: number): Promise<void> {
  assertManage(c.access);
  if (!(await repo.deleteParticipant(db, c.event.id, id))) throw notFound();
}

/** Marks a participant as arrived by the code on its badge (organisers at the door). */
export async function checkInByCode(db: Db, c: Loaded, code: string) {
  assertManage(c.access);
  const id = await repo.findParticipantByCode(db, c.event.id, code.trim().toUpperCase());
  if (id === undefined)
    throw invalid([fieldProblem(['code'], 'reference_not_found', { zh: '签到码无效', en: 'unknown check-in code' })]);
  const at = await repo.checkIn(db, id);
  return { participantId: id, checkedInAt: at };
}
