/** The weekly digest of an officer: its projects' stage moves, follow-ups, overdue follow-ups and open orders. */
import type { Db } from '../../../db/connect.js';
import { type Digest, daysBetween, isoWeekOf, weekRange } from '../../../domain/invest/follow-up.js';
import { notFound } from '../../lib/errors.js';
import { todayIso } from './repository.js';

export async function buildDigest(db: Db, { userId, week }: { userId: number; week?: string }): Promise<Digest | null> {
  const w = week ?? isoWeekOf(todayIso());
  const range = weekRange(w);
  if (!range) return null;
  const [officer] = await db.query<{ id: number; display_name: string }>(
    'select id, display_name from users where id = $1',
    [userId],
  );
  if (!officer) throw notFound();
  const mine = `(p.owner_id = $1 or exists (select 1 from project_team m where m.project_id = p.id and m.user_id = $1))`;
  const [count] = await db.query<{ n: number }>(`select count(*)::int as n from projects p where ${mine}`, [userId]);
  const moves = await db.query<{
    project_id: number;
    code_name: string;
    from_stage: string;
    to_stage: string;
    at: Date;
  }>(
    `select t.project_id, p.code_name, t.from_stage, t.to_stage, t.at from project_timeline t join projects p on p.id = t.project_id
      where ${mine} and t.kind = 'stage' and t.at >= $2::date and t.at < ($3::date + 1) order by t.at`,
    [userId, range.from, range.to],
  );
  const followUps = await db.query<{
    project_id: number;
    code_name: string;
    on_date: string;
    kind: string;
    note: string;
  }>(
    `select f.project_id, p.code_name, f.on_date, f.kind, f.note from project_follow_ups f join projects p on p.id = f.project_id
      where ${mine} and f.on_date between $2::date and $3::date order by f.on_date, f.id`,
    [userId, range.from, range.to],
  );
  // Overdue as of the end of the week (or today, for the current week).
  const asOf = range.to < todayIso() ? range.to : todayIso();
  const overdue = await db.query<{ id: number; code_name: string; next_follow_up_on: string }>(
    `select p.id, p.code_name, p.next_follow_up_on from projects p
      where ${mine} and p.stage not in ('lost', 'in_production') and p.next_follow_up_on < $2::date
      order by p.next_follow_up_on, p.id`,
    [userId, asOf],
  );
  const orders = await db.query<{
    id: number;
    project_id: number;
    code_name: string;
    instruction: string;
    due_on: string;
    status: string;
  }>(
    `select o.id, o.project_id, p.code_name, o.instruction, o.due_on, o.status from supervision_orders o
      join projects p on p.id = o.project_id where o.assignee_id = $1 and o.status = 'open' order by o.due_on, o.id`,
    [userId],
  );
  return {
    week: w,
    from: range.from,
    to: range.to,
    officer: { id: officer.id, displayName: officer.display_name },
    projects: count?.n ?? 0,
    moves: moves.map((m) => ({
      projectId: m.project_id,
      codeName: m.code_name,
      fromStage: m.from_stage,
      toStage: m.to_stage,
      at: new Date(m.at).toISOString(),
    })),
    followUps: followUps.map((f) => ({
      projectId: f.project_id,
      codeName: f.code_name,
      onDate: f.on_date,
      kind: f.kind,
      note: f.note,
    })),
    overdue: overdue.map((o) => ({
      projectId: o.id,
      codeName: o.code_name,
      nextFollowUpOn: o.next_follow_up_on,
      daysOverdue: daysBetween(o.next_follow_up_on, asOf),
    })),
    orders: orders.map((o) => ({
      id: o.id,
      projectId: o.project_id,
      codeName: o.code_name,
      instruction: o.instruction,
      dueOn: o.due_on,
      status: o.status,
      overdue: o.due_on < todayIso(),
    })),
  };
}
