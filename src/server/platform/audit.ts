/**
 * The one audit writer: every change_log row is written here, inside the transaction of the change it
 * records (pass the transaction's Db), always with the actor and address when a request made it.
 * Rows written by the CLI, the importer and the demo loader carry via and no actor ('system').
 */
import type { Db } from '../../db/connect.js';
import type { Actor } from '../modules/auth/actor.js';

/** Who made a change and through what: a request (actor + address) or a tool (via only). */
export interface AuditCtx {
  actor?: Pick<Actor, 'userId' | 'username'> | undefined;
  ip?: string | undefined;
  /** e.g. 'api', 'admin', 'import:12', 'cli', 'demo'; defaults to 'api' with an actor, else 'system'. */
  via?: string | undefined;
}

export interface AuditEntry {
  /** The table (or logical entity) changed, e.g. 'enterprises', 'users', 'chain_mappings'. */
  entity: string;
  entityId: string | number;
  action: 'create' | 'update' | 'delete';
  old?: Record<string, unknown> | null | undefined;
  new?: Record<string, unknown> | null | undefined;
}

/** Writes one change_log row per entry in one statement, on the caller's transaction. */
export async function writeAudit(tx: Db, ctx: AuditCtx | undefined, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  const rows = list.map((e) => ({
    entity: e.entity,
    entity_id: String(e.entityId),
    action: e.action,
    old_values: e.old ?? null,
    new_values: e.new ?? null,
  }));
  await tx.query(
    `insert into change_log (entity, entity_id, action, old_values, new_values, actor_user_id, actor, ip, via)
     select r.entity, r.entity_id, r.action, r.old_values, r.new_values, $2, $3, $4, $5
       from jsonb_to_recordset($1::jsonb) as r(entity text, entity_id text, action text, old_values jsonb, new_values jsonb)`,
    [
      JSON.stringify(rows),
      ctx?.actor?.userId ?? null,
      ctx?.actor?.username ?? null,
      ctx?.ip ?? null,
      ctx?.via ?? (ctx?.actor ? 'api' : 'system'),
    ],
  );
}
