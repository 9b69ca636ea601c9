/** All SQL of service tickets: the presented select, routing look-ups, pauses and messages. */
import type { Db } from '../../../db/connect.js';
import type { Pause } from '../../../domain/services/calendar.js';
import type { Sql } from '../../lib/sql.js';

export interface TicketRow extends Record<string, unknown> {
  id: number;
  enterprise_id: number;
  enterprise_name: string;
  park_id: number | null;
  park_name: string | null;
  category_code: string;
  system: string;
  title: string;
  body: string;
  status: string;
  level: string;
  team_organisation_id: number | null;
  team_name: string | null;
  assignee_user_id: number | null;
  assignee_name: string | null;
  channel: string;
  visit_id: number | null;
  visit_flag: string | null;
  merged_into_id: number | null;
  first_response_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  reopened_count: number;
  satisfaction: number | null;
  satisfaction_comment: string | null;
  escalations: number;
  synthetic: boolean;
  created_at: Date;
  updated_at: Date;
  version: number;
  /** The latest reopening: the resolution clock starts again there. */
  reopened_at: Date | null;
}

/** The tickets as presented, aliased t, for a scope condition on t. */
export const TICKETS = `(select t.*, e.name as enterprise_name, p.name as park_name, o.name as team_name,
    u.display_name as assignee_name, c.system,
    (select max(m.created_at) from service_ticket_messages m
      where m.ticket_id = t.id and m.kind = 'event' and m.body = 'reopened') as reopened_at
  from service_tickets t join enterprises e on e.id = t.enterprise_id
  join service_categories c on c.code = t.category_code
  left join parks p on p.id = t.park_id left join organisations o on o.id = t.team_organisation_id
  left join users u on u.id = t.assignee_user_id)`;

export async function selectTickets(
  db: Db,
  q: Sql,
  where: string[],
  tail = 'order by t.id desc',
): Promise<TicketRow[]> {
  const w = where.filter(Boolean);
  return db.query<TicketRow>(
    `select * from ${TICKETS} t ${w.length ? `where ${w.map((c) => `(${c})`).join(' and ')}` : ''} ${tail}`,
    q.params,
  );
}

export async function pausesOf(db: Db, ids: readonly number[]): Promise<Map<number, Pause[]>> {
  const out = new Map<number, Pause[]>();
  if (ids.length === 0) return out;
  const rows = await db.query<{ ticket_id: number; started_at: Date; ended_at: Date | null }>(
    'select ticket_id, started_at, ended_at from service_ticket_pauses where ticket_id = any($1::int[]) order by started_at',
    [ids],
  );
  for (const r of rows) {
    const list = out.get(r.ticket_id) ?? [];
    list.push({ start: r.started_at.getTime(), end: r.ended_at ? r.ended_at.getTime() : null });
    out.set(r.ticket_id, list);
  }
  return out;
}

/** Targets already escalated; a resolution escalation before the latest reopening belongs to the old clock. */
export async function escalatedTargets(
  db: Db,
  id: number,
  reopenedAt: Date | null = null,
): Promise<Set<'first_response' | 'resolution'>> {
  const rows = await db.query<{ target: 'first_response' | 'resolution' }>(
    `select target from service_escalations
      where ticket_id = $1 and (target = 'first_response' or $2::timestamptz is null or escalated_at >= $2)`,
    [id, reopenedAt],
  );
  return new Set(rows.map((r) => r.target));
}

/** The park a firm occupies now (its latest current occupancy), if any. */
export async function currentPark(db: Db, enterpriseId: number): Promise<number | null> {
  const [r] = await db.query<{ park_id: number }>(
    `select b.park_id from occupancies oc join units u on u.id = oc.unit_id join floors f on f.id = u.floor_id
       join buildings b on b.id = f.building_id
      where oc.enterprise_id = $1 and (oc.ended_on is null or oc.ended_on >= current_date)
      order by oc.started_on desc nulls last, oc.id desc limit 1`,
    [enterpriseId],
  );
  return r?.park_id ?? null;
}

/** The park's butler team: a park operator of the park or of a park it belongs to. */
export async function butlerTeam(db: Db, parkId: number | null): Promise<number | null> {
  if (parkId === null) return null;
  const [r] = await db.query<{ id: number }>(
    `with recursive up as (select id, parent_id, 0 as depth from parks where id = $1
       union all select p.id, p.parent_id, up.depth + 1 from parks p join up on p.id = up.parent_id where up.depth < 20)
     select o.id from organisations o join organisation_parks op on op.organisation_id = o.id join up on up.id = op.park_id
      where o.kind = 'park_operator' order by up.depth, o.id limit 1`,
    [parkId],
  );
  return r?.id ?? null;
}

/** The district agency of a firm: by its district code, or by a zone park it occupies. */
export async function districtAgency(db: Db, regionCode: string | null, parkId: number | null): Promise<number | null> {
  const [r] = await db.query<{ id: number }>(
    `with recursive up as (select id, parent_id, 0 as depth from parks where id = $2
       union all select p.id, p.parent_id, up.depth + 1 from parks p join up on p.id = up.parent_id where up.depth < 20)
     select o.id from organisations o
      where o.kind = 'district' and ($1::text = any(o.region_codes)
         or exists (select 1 from organisation_parks op join up on up.id = op.park_id where op.organisation_id = o.id))
      order by o.id limit 1`,
    [regionCode, parkId],
  );
  return r?.id ?? null;
}

export async function cityAgency(db: Db): Promise<number | null> {
  const [r] = await db.query<{ id: number }>(
    `select id from organisations where kind = 'city_bureau' order by id limit 1`,
  );
  return r?.id ?? null;
}

export async function messagesOf(db: Db, id: number, withNotes: boolean) {
  return db.query<{
    id: number;
    kind: 'reply' | 'note' | 'event';
    author_name: string;
    from_enterprise: boolean;
    body: string;
    attachments: { name: string; url: string }[];
    files: { id: number; fileName: string; contentType: string; sizeBytes: number }[];
    created_at: Date;
  }>(
    `select m.id, m.kind, m.author_name, m.from_enterprise, m.body, m.attachments, m.created_at,
            coalesce((select json_agg(json_build_object('id', f.id, 'fileName', f.file_name, 'contentType', f.content_type,
                                                        'sizeBytes', f.size_bytes) order by f.id)
                        from service_ticket_files f where f.message_id = m.id), '[]'::json) as files
       from service_ticket_messages m
      where m.ticket_id = $1 ${withNotes ? '' : `and m.kind <> 'note'`} order by m.id`,
    [id],
  );
}

export async function addMessage(
  db: Db,
  m: {
    ticketId: number;
    kind: 'reply' | 'note' | 'event';
    authorUserId: number | null;
    authorName: string;
    fromEnterprise: boolean;
    body: string;
    attachments?: unknown[];
    at: Date;
  },
): Promise<number> {
  const [r] = await db.query<{ id: number }>(
    `insert into service_ticket_messages (ticket_id, kind, author_user_id, author_name, from_enterprise, body, attachments, created_at)
     values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) returning id`,
    [
      m.ticketId,
      m.kind,
      m.authorUserId,
      m.authorName,
      m.fromEnterprise,
      m.body,
      JSON.stringify(m.attachments ?? []),
      m.at,
    ],
  );
  return r?.id as number;
}

export async function startPause(db: Db, id: number, at: Date): Promise<void> {
  await db.query(
    `insert into service_ticket_pauses (ticket_id, started_at)
     select $1, $2 where not exists (select 1 from service_ticket_pauses where ticket_id = $1 and ended_at is null)`,
    [id, at],
  );
}

export async function endPause(db: Db, id: number, at: Date): Promise<void> {
  await db.query(
    'update service_ticket_pauses set ended_at = greatest(started_at, $2) where ticket_id = $1 and ended_at is null',
    [id, at],
  );
}

export interface NewFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

/** Stores a message's file; the digest goes with it (for the audit and for checking a restore). */
export async function addFile(db: Db, messageId: number, f: NewFile & { sha256: string }): Promise<number> {
  const [r] = await db.query<{ id: number }>(
    `insert into service_ticket_files (message_id, file_name, content_type, size_bytes, sha256, content)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [messageId, f.fileName, f.contentType, f.bytes.length, f.sha256, f.bytes],
  );
  return r?.id as number;
}

/** A file of a ticket's messages; an internal note's files only when notes are shown. */
export async function fileOf(db: Db, ticketId: number, fileId: number, withNotes: boolean) {
  const [r] = await db.query<{ file_name: string; content_type: string; content: Uint8Array }>(
    `select f.file_name, f.content_type, f.content
       from service_ticket_files f join service_ticket_messages m on m.id = f.message_id
      where f.id = $1 and m.ticket_id = $2 ${withNotes ? '' : `and m.kind <> 'note'`}`,
    [fileId, ticketId],
  );
  return r ?? null;
}
