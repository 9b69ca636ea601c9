/**
 * Service tickets (管家服务): open, route, reply, note, assign, wait on the firm, resolve, close,
 * reopen, merge, rate. Every change runs in one transaction with its change_log rows, then the
 * ticket's due times and next SLA check are recomputed on that transaction.
 */

import { fieldProblem } from '../../../contracts/errors.js';
import { TICKET_FILE_TYPES, type TTicket, type TTicketAction, type TTicketInput } from '../../../contracts/services.js';
import type { Db } from '../../../db/connect.js';
import type { Pause } from '../../../domain/services/calendar.js';
import { decideEscalation, evaluateSla, type SlaEvaluation, type TargetState } from '../../../domain/services/sla.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import type { Ctx } from '../../lib/resource.js';
import { Sql } from '../../lib/sql.js';
import { sha256Hex } from '../../lib/stored-file.js';
import { type AuditEntry, writeAudit } from '../../platform/audit.js';
import { notify } from '../../platform/inbox/index.js';
import { readScope } from '../../platform/policy/registry.js';
import type { Actor } from '../auth/actor.js';
import { type Clocks, loadClocks, loadSlaTable, type SlaTable } from './clock.js';
import { firmScope, isStaff } from './policy.js';
import type { TicketRow } from './ticket-store.js';
import * as store from './ticket-store.js';

export const nowOf = (ctx: Ctx) => (ctx.at ? Date.parse(ctx.at) : Date.now());
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
const ms = (d: Date | null) => (d ? d.getTime() : null);
const refused = (status: number, code: `services.${string}`) => new AppError(status, code);

export { refused };

/** The SLA state of tickets at `now`. */
export interface SlaContext {
  clocks: Clocks;
  table: SlaTable;
}
export const loadSla = async (db: Db): Promise<SlaContext> => ({
  clocks: await loadClocks(db),
  table: await loadSlaTable(db),
});

function slaOf(s: SlaContext, r: TicketRow, pauses: Pause[], now: number): SlaEvaluation {
  const clock = s.clocks.of(r.team_organisation_id);
  return evaluateSla(
    clock,
    {
      createdAt: r.created_at.getTime(),
      resolutionFrom: ms(r.reopened_at),
      firstResponseAt: ms(r.first_response_at),
      resolvedAt: ms(r.resolved_at),
      pauses,
    },
    s.table.of(r.category_code, r.team_organisation_id),
    now,
  );
}

const wireTarget = (t: TargetState) => ({
  target: t.target,
  minutes: t.minutes,
  dueAt: iso(t.dueAt),
  status: t.status,
  remainingMinutes: t.remainingMinutes,
});

export function presentTicket(r: TicketRow, sla: SlaEvaluation): TTicket {
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    parkId: r.park_id,
    parkName: r.park_name,
    categoryCode: r.category_code,
    system: r.system as TTicket['system'],
    title: r.title,
    body: r.body,
    status: r.status as TTicket['status'],
    level: r.level as TTicket['level'],
    teamOrganisationId: r.team_organisation_id,
    teamName: r.team_name,
    assigneeUserId: r.assignee_user_id,
    assigneeName: r.assignee_name,
    channel: r.channel as TTicket['channel'],
    visitId: r.visit_id,
    visitFlag: r.visit_flag,
    mergedIntoId: r.merged_into_id,
    firstResponseAt: iso(ms(r.first_response_at)),
    resolvedAt: iso(ms(r.resolved_at)),
    closedAt: iso(ms(r.closed_at)),
    reopenedCount: r.reopened_count,
    satisfaction: r.satisfaction,
    satisfactionComment: r.satisfaction_comment,
    escalations: r.escalations,
    sla: { firstResponse: wireTarget(sla.firstResponse), resolution: wireTarget(sla.resolution) },
    synthetic: r.synthetic,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}

/** Tickets with their SLA clocks, in the actor's scope. */
export async function listTickets(
  db: Db,
  actor: Actor | undefined,
  f: { status?: string; system?: string; enterpriseId?: number; mine?: boolean; limit: number },
  now: number,
): Promise<TTicket[]> {
  const q = new Sql();
  const where: string[] = [];
  if (actor) {
    const scope = readScope(actor, 'service-tickets', q);
    if (scope) where.push(scope);
    if (f.mine) where.push(`t.assignee_user_id = ${q.p(actor.userId)}`);
  }
  if (f.status) where.push(`t.status = ${q.p(f.status)}`);
  else where.push(`t.status <> 'merged'`);
  if (f.system) where.push(`t.system = ${q.p(f.system)}`);
  if (f.enterpriseId) where.push(`t.enterprise_id = ${q.p(f.enterpriseId)}`);
  const rows = await store.selectTickets(db, q, where, `order by t.id desc limit ${q.p(f.limit)}`);
  const [pauses, sla] = await Promise.all([
    store.pausesOf(
      db,
      rows.map((r) => r.id),
    ),
    loadSla(db),
  ]);
  return rows.map((r) => presentTicket(r, slaOf(sla, r, pauses.get(r.id) ?? [], now)));
}

/** One ticket the actor may read (404 otherwise, so another firm's ticket is not even confirmed). */
export async function loadTicket(db: Db, actor: Actor | undefined, id: number): Promise<TicketRow> {
  const q = new Sql();
  const where = [`t.id = ${q.p(id)}`];
  const scope = actor ? readScope(actor, 'service-tickets', q) : null;
  if (scope) where.push(scope);
  const [r] = await store.selectTickets(db, q, where);
  if (!r) throw notFound();
  return r;
}

export async function ticketDetail(db: Db, actor: Actor | undefined, id: number, now: number) {
  const r = await loadTicket(db, actor, id);
  const [pauses, sla] = await Promise.all([store.pausesOf(db, [id]), loadSla(db)]);
  const msgs = await store.messagesOf(db, id, actor?.role !== 'enterprise_user');
  return {
    ...presentTicket(r, slaOf(sla, r, pauses.get(id) ?? [], now)),
    messages: msgs.map((m) => ({
      id: m.id,
      kind: m.kind,
      authorName: m.author_name,
      fromEnterprise: m.from_enterprise,
      body: m.body,
      attachments: m.attachments,
      files: m.files,
      createdAt: m.created_at.toISOString(),
    })),
  };
}

/**
 * Stores a ticket's due times and when the SLA sweep should look at it next (the warning point, or
 * at once when a target is already due; null while paused or when nothing is left to watch).
 */
export async function refreshTicket(db: Db, id: number, now: number, sla?: SlaContext): Promise<void> {
  const [r] = await store.selectTickets(db, new Sql(), [`t.id = ${id | 0}`]);
  if (!r) return;
  const s = sla ?? (await loadSla(db));
  const pauses = (await store.pausesOf(db, [id])).get(id) ?? [];
  const ev = slaOf(s, r, pauses, now);
  let next: number | null = null;
  if (r.status === 'open' || r.status === 'waiting_enterprise') {
    const clock = s.clocks.of(r.team_organisation_id);
    const d = decideEscalation(
      clock,
      clock,
      {
        createdAt: r.created_at.getTime(),
        resolutionFrom: ms(r.reopened_at),
        firstResponseAt: ms(r.first_response_at),
        resolvedAt: ms(r.resolved_at),
        pauses,
      },
      s.table.of(r.category_code, r.team_organisation_id),
      await store.escalatedTargets(db, id, r.reopened_at),
      now,
    );
    next = d.escalate.length > 0 ? now : d.nextCheckAt;
  }
  await db.query(
    'update service_tickets set first_response_due = $2, resolution_due = $3, next_check_at = $4 where id = $1',
    [id, iso(ev.firstResponse.dueAt), iso(ev.resolution.dueAt), iso(next)],
  );
}

const who = (ctx: Ctx) => ({ userId: ctx.actor?.userId ?? null, name: ctx.actor?.username ?? 'system' });

async function authorName(db: Db, ctx: Ctx): Promise<string> {
  if (!ctx.actor) return 'system';
  const [u] = await db.query<{ n: string }>(
    "select u.display_name || coalesce('（' || o.name || '）', '') as n from users u join organisations o on o.id = u.organisation_id where u.id = $1",
    [ctx.actor.userId],
  );
  return u?.n ?? ctx.actor.username;
}

/** Where a new ticket goes: the park's butler team, else the district agency, else the city. */
export async function routeFor(db: Db, enterpriseId: number, regionCode: string | null) {
  const parkId = await store.currentPark(db, enterpriseId);
  const butler = await store.butlerTeam(db, parkId);
  if (butler) return { parkId, level: 'park' as const, team: butler };
  const district = await store.districtAgency(db, regionCode, parkId);
  if (district) return { parkId, level: 'district' as const, team: district };
  return { parkId, level: 'city' as const, team: await store.cityAgency(db) };
}

/** Refuses a firm the actor does not serve: an enterprise user may only ask for its own firm. */
export async function assertServes(db: Db, actor: Actor | undefined, enterpriseId: number): Promise<void> {
  if (!actor) return;
  const q = new Sql();
  const scope = firmScope(actor, q);
  if (scope === null) return;
  const [r] = await db.query(`select 1 from enterprises where id = ${q.p(enterpriseId)} and id in ${scope}`, q.params);
  if (!r) throw refused(403, 'services.other_firm');
}

export async function openTicket(
  db: Db,
  input: TTicketInput & {
    channel?: 'enterprise' | 'butler' | 'visit';
    visitId?: number;
    visitFlag?: string;
    synthetic?: boolean;
  },
  ctx: Ctx,
): Promise<number> {
  const a = ctx.actor;
  if (
    a &&
    a.role !== 'enterprise_user' &&
    !(a.role === 'city_admin' || a.role === 'district_user' || a.role === 'park_operator' || input.channel === 'visit')
  )
    throw forbidden();
  if (a?.readOnly) throw forbidden();
  return db.tx(async (tx) => {
    const [e] = await tx.query<{ id: number; region_code: string | null }>(
      'select id, region_code from enterprises where id = $1',
      [input.enterpriseId],
    );
    if (!e) throw new AppError(422, 'validation_failed', [fieldProblem(['enterpriseId'], 'reference_not_found')]);
    // A visit's flag opens the ticket for the visiting agency, whose visit was already checked.
    if (input.channel !== 'visit') await assertServes(tx, a, e.id);
    const [cat] = await tx.query('select code from service_categories where code = $1', [input.categoryCode]);
    if (!cat)
      throw new AppError(422, 'validation_failed', [fieldProblem(['categoryCode'], 'services.unknown_category')]);
    const route = await routeFor(tx, e.id, e.region_code);
    const at = new Date(nowOf(ctx));
    const channel = input.channel ?? (a?.role === 'enterprise_user' ? 'enterprise' : 'butler');
    const [row] = await tx.query<{ id: number }>(
      `insert into service_tickets (enterprise_id, park_id, category_code, title, body, level, team_organisation_id,
         opened_by_user_id, channel, visit_id, visit_flag, synthetic, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) returning id`,
      [
        e.id,
        route.parkId,
        input.categoryCode,
        input.title,
        input.body,
        route.level,
        route.team,
        a?.userId ?? null,
        channel,
        input.visitId ?? null,
        input.visitFlag ?? null,
        input.synthetic ?? false,
        at,
      ],
    );
    const id = row?.id as number;
    if (input.body || input.attachments.length > 0)
      await store.addMessage(tx, {
        ticketId: id,
        kind: 'reply',
        authorUserId: who(ctx).userId,
        authorName: await authorName(tx, ctx),
        fromEnterprise: a?.role === 'enterprise_user',
        body: input.body || input.title,
        attachments: input.attachments,
        at,
      });
    await writeAudit(tx, ctx, {
      entity: 'service_tickets',
      entityId: id,
      action: 'create',
      new: { ...input, level: route.level, teamOrganisationId: route.team, parkId: route.parkId, channel },
    });
    await refreshTicket(tx, id, at.getTime());
    return id;
  });
}

const isOwnFirm = (a: Actor | undefined, r: TicketRow) =>
  a?.role === 'enterprise_user' && a.enterpriseId === r.enterprise_id;

/** Refuses, before an upload is read, whoever may not write on the ticket (the same checks as postMessage). */
export async function assertMayPost(db: Db, id: number, ctx: Ctx): Promise<void> {
  const a = ctx.actor;
  if (a?.readOnly) throw forbidden();
  const r = await loadTicket(db, a, id);
  if (a && !isOwnFirm(a, r) && !isStaff(a)) throw forbidden();
  if (r.status === 'merged' || r.status === 'closed') throw refused(409, 'services.ticket_closed');
}

/** A reply (to the firm, or from it) or an internal note; a reply may stop the clock to wait on the firm. */
export async function postMessage(
  db: Db,
  id: number,
  input: {
    kind: 'reply' | 'note';
    body: string;
    attachments: { name: string; url: string }[];
    waitOnEnterprise: boolean;
    /** An uploaded file carried by the message (checked by checkTicketFile). */
    file?: store.NewFile;
  },
  ctx: Ctx,
): Promise<void> {
  const a = ctx.actor;
  if (a?.readOnly) throw forbidden();
  await db.tx(async (tx) => {
    const r = await loadTicket(tx, a, id);
    const fromFirm = isOwnFirm(a, r);
    if (a && !fromFirm && !isStaff(a)) throw forbidden();
    if (fromFirm && (input.kind === 'note' || input.waitOnEnterprise)) throw forbidden();
    if (r.status === 'merged' || r.status === 'closed') throw refused(409, 'services.ticket_closed');
    const at = new Date(nowOf(ctx));
    const messageId = await store.addMessage(tx, {
      ticketId: id,
      kind: input.kind,
      authorUserId: who(ctx).userId,
      authorName: await authorName(tx, ctx),
      fromEnterprise: fromFirm,
      body: input.body,
      attachments: input.attachments,
      at,
    });
    if (input.kind === 'reply' && !fromFirm)
      await notify(tx, {
        enterpriseId: r.enterprise_id,
        exceptUserIds: [a?.userId],
        kind: 'services.reply',
        params: { ticketId: id, ticketTitle: r.title },
        link: '/services/mine',
        at,
      });
    const file = input.file ? { ...input.file, sha256: sha256Hex(input.file.bytes) } : null;
    const fileId = file ? await store.addFile(tx, messageId, file) : null;
    const changes: Record<string, unknown> = {};
    if (input.kind === 'reply' && !fromFirm && r.first_response_at === null) changes.first_response_at = at;
    if (input.kind === 'reply' && !fromFirm && input.waitOnEnterprise) {
      changes.status = 'waiting_enterprise';
      await store.startPause(tx, id, at);
    }
    if (fromFirm && r.status === 'waiting_enterprise') {
      changes.status = 'open';
      await store.endPause(tx, id, at);
    }
    if (fromFirm && r.status === 'resolved') {
      // The firm answered a resolved ticket: it is open again.
      changes.status = 'open';
      changes.resolved_at = null;
      changes.reopened_count = r.reopened_count + 1;
      // the resolution clock starts again here (ticket-store's reopened_at)
      await store.addMessage(tx, {
        ticketId: id,
        kind: 'event',
        authorUserId: who(ctx).userId,
        authorName: await authorName(tx, ctx),
        fromEnterprise: true,
        body: 'reopened',
        at,
      });
    }
    await applyChanges(tx, id, changes, at);
    await writeAudit(tx, ctx, [
      {
        entity: 'service_ticket_messages',
        entityId: id,
        action: 'create',
        new: { kind: input.kind, body: input.body },
      },
      ...(file && fileId
        ? [
            {
              entity: 'service_ticket_files',
              entityId: fileId,
              action: 'create' as const,
              new: {
                ticketId: id,
                messageId,
                fileName: file.fileName,
                contentType: file.contentType,
                sizeBytes: file.bytes.length,
                sha256: file.sha256,
              },
            },
          ]
        : []),
      ...(Object.keys(changes).length
        ? [
            {
              entity: 'service_tickets',
              entityId: id,
              action: 'update' as const,
              old: pick(r, changes),
              new: wire(changes),
            },
          ]
        : []),
    ]);
    await refreshTicket(tx, id, at.getTime());
  });
}

const wire = (c: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
const pick = (r: TicketRow, c: Record<string, unknown>) =>
  wire(Object.fromEntries(Object.keys(c).map((k) => [k, (r as Record<string, unknown>)[k] ?? null])));

async function applyChanges(tx: Db, id: number, changes: Record<string, unknown>, at: Date): Promise<void> {
  const keys = Object.keys(changes);
  if (keys.length === 0) return;
  const sets = keys.map((k, i) => `${k} = $${i + 2}`);
  await tx.query(
    `update service_tickets set ${sets.join(', ')}, version = version + 1, updated_at = $${keys.length + 2} where id = $1`,
    [id, ...keys.map((k) => changes[k]), at],
  );
}

export async function actOnTicket(db: Db, id: number, action: TTicketAction, ctx: Ctx): Promise<void> {
  const a = ctx.actor;
  if (a?.readOnly) throw forbidden();
  await db.tx(async (tx) => {
    const r = await loadTicket(tx, a, id);
    const fromFirm = isOwnFirm(a, r);
    const staff = !a || isStaff(a);
    if (a && !fromFirm && !staff) throw forbidden();
    const at = new Date(nowOf(ctx));
    const changes: Record<string, unknown> = {};
    const audit: AuditEntry[] = [];
    const event = async (body: string, kind: 'event' | 'reply' = 'event') =>
      store.addMessage(tx, {
        ticketId: id,
        kind,
        authorUserId: who(ctx).userId,
        authorName: await authorName(tx, ctx),
        fromEnterprise: fromFirm,
        body,
        at,
      });
    if (r.status === 'merged') throw refused(409, 'services.ticket_merged');
    switch (action.action) {
      case 'assign': {
        if (!staff) throw forbidden();
        if (action.assigneeUserId !== null) {
          const [u] = await tx.query<{ role: string }>('select role from users where id = $1 and not disabled', [
            action.assigneeUserId,
          ]);
          if (!u || u.role === 'enterprise_user' || u.role === 'viewer')
            throw new AppError(422, 'validation_failed', [fieldProblem(['assigneeUserId'], 'services.assignee')]);
        }
        changes.assignee_user_id = action.assigneeUserId;
        await event(`assign:${action.assigneeUserId ?? '-'}`);
        break;
      }
      case 'resolve': {
        if (!staff) throw forbidden();
        if (r.status !== 'open' && r.status !== 'waiting_enterprise') throw refused(409, 'services.ticket_state');
        changes.status = 'resolved';
        changes.resolved_at = at;
        if (r.first_response_at === null) changes.first_response_at = at;
        await store.endPause(tx, id, at);
        if (action.body) await event(action.body, 'reply');
        await event('resolved');
        break;
      }
      case 'close': {
        if (r.status === 'closed') throw refused(409, 'services.ticket_state');
        changes.status = 'closed';
        changes.closed_at = at;
        if (r.resolved_at === null) changes.resolved_at = at;
        await store.endPause(tx, id, at);
        await event('closed');
        break;
      }
      case 'reopen': {
        if (r.status !== 'resolved' && r.status !== 'closed') throw refused(409, 'services.ticket_state');
        changes.status = 'open';
        changes.resolved_at = null;
        changes.closed_at = null;
        changes.reopened_count = r.reopened_count + 1;
        await event(action.body, 'reply');
        await event('reopened');
        break;
      }
      case 'merge': {
        if (!staff) throw forbidden();
        if (action.intoTicketId === id)
          throw new AppError(422, 'validation_failed', [fieldProblem(['intoTicketId'], 'services.merge_self')]);
        const into = await loadTicket(tx, a, action.intoTicketId).catch(() => null);
        if (!into || into.enterprise_id !== r.enterprise_id || into.status === 'merged')
          throw new AppError(422, 'validation_failed', [fieldProblem(['intoTicketId'], 'services.merge_target')]);
        changes.status = 'merged';
        changes.merged_into_id = into.id;
        await store.endPause(tx, id, at);
        await tx.query(`update service_ticket_messages set ticket_id = $2 where ticket_id = $1 and kind <> 'event'`, [
          id,
          into.id,
        ]);
        await event(`merged_into:${into.id}`);
        await store.addMessage(tx, {
          ticketId: into.id,
          kind: 'event',
          authorUserId: who(ctx).userId,
          authorName: await authorName(tx, ctx),
          fromEnterprise: false,
          body: `merged_from:${id}`,
          at,
        });
        audit.push({ entity: 'service_tickets', entityId: into.id, action: 'update', new: { mergedFrom: id } });
        break;
      }
      case 'rate': {
        if (a && !fromFirm) throw forbidden();
        if (r.status !== 'resolved' && r.status !== 'closed') throw refused(409, 'services.ticket_state');
        changes.satisfaction = action.satisfaction;
        changes.satisfaction_comment = action.comment || null;
        if (r.status === 'resolved') {
          changes.status = 'closed';
          changes.closed_at = at;
        }
        break;
      }
    }
    await applyChanges(tx, id, changes, at);
    audit.unshift({
      entity: 'service_tickets',
      entityId: id,
      action: 'update',
      old: pick(r, changes),
      new: wire(changes),
    });
    await writeAudit(tx, ctx, audit);
    await refreshTicket(tx, id, at.getTime());
  });
}

/**
 * The file of an upload as it will be stored: a name, an allowed type (from the extension; the browser's
 * is not trusted) and not empty. The size limit is the upload's own (413 before this runs).
 */
export function checkTicketFile(fileName: string, bytes: Buffer): store.NewFile {
  const name = fileName.trim().slice(-255);
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  const type = Object.hasOwn(TICKET_FILE_TYPES, ext) ? TICKET_FILE_TYPES[ext] : undefined;
  if (!name) throw new AppError(422, 'validation_failed', [fieldProblem(['file'], 'required')]);
  if (!type) throw new AppError(422, 'validation_failed', [fieldProblem(['file'], 'services.file_type')]);
  if (bytes.length === 0) throw new AppError(422, 'validation_failed', [fieldProblem(['file'], 'services.file_empty')]);
  return { fileName: name, contentType: type, bytes };
}

/** A file of a ticket the actor may read; an enterprise never gets an internal note's files (404). */
export async function ticketFile(db: Db, actor: Actor | undefined, id: number, fileId: number) {
  await loadTicket(db, actor, id);
  const f = await store.fileOf(db, id, fileId, actor?.role !== 'enterprise_user');
  if (!f) throw notFound();
  return f;
}
