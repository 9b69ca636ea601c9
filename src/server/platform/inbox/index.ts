/**
 * The platform inbox: in-app notifications for users (issues 12 and 15). A module notifies by calling
 * `notify(tx, …)` on the transaction of the change it reports, so a refused or failed change leaves no
 * notification. Recipients are named as users, an organisation (its users) or firms (each firm's
 * enterprise users); disabled users get nothing. What a notification says is its kind and parameters
 * (contracts/inbox.ts, checked here): the web renders the text in the reader's language.
 */
import type { InboxKind, InboxKinds, InboxParams, TInboxItem } from '../../../contracts/inbox.js';
import type { Db } from '../../../db/connect.js';

/** The kinds the modules declared (ModuleManifest.inbox), registered by installModules. */
const KINDS = new Map<string, InboxKinds[keyof InboxKinds]>();

/** Adds a module's notice kinds; each must be `<module>.<event>` and taken once. */
export function registerInboxKinds(module: string, kinds: InboxKinds): void {
  for (const [kind, schema] of Object.entries(kinds)) {
    if (!kind.startsWith(`${module}.`)) throw new Error(`inbox kind ${kind} of module ${module} is not ${module}.*`);
    if (KINDS.has(kind) && KINDS.get(kind) !== schema) throw new Error(`inbox kind ${kind} registered twice`);
    KINDS.set(kind, schema);
  }
}

/** Every registered kind (the words test checks each has its templates). */
export const inboxKinds = (): string[] => [...KINDS.keys()];
/** The modules that notify (the part of a kind before the dot). */
export const inboxModules = (): string[] => [...new Set(inboxKinds().map((k) => k.slice(0, k.indexOf('.'))))];

export interface NotifyInput<K extends InboxKind> {
  /** Recipients: any of these, together (a user named twice gets one notification). */
  userIds?: readonly number[];
  organisationId?: number | null;
  enterpriseId?: number | null;
  enterpriseIds?: readonly number[];
  /** Users left out (e.g. whoever made the change: they know). */
  exceptUserIds?: readonly (number | null | undefined)[];
  kind: K;
  params: InboxParams<K>;
  /** The web page the notification is about ('/docking/matches/12'). */
  link?: string | null;
  /**
   * A once-only key: a user who already has a notification with this key gets no second one (e.g.
   * 'services.policy:12:3' — a policy version pushed twice notifies once).
   */
  dedupe?: string;
  /** When it happened (a demo replaying history); now by default. */
  at?: Date;
}

/** Writes one notification per recipient on `tx`; returns the ids of the users notified now. */
export async function notify<K extends InboxKind>(tx: Db, n: NotifyInput<K>): Promise<number[]> {
  // A kind's parameters are strict: a field that is not an id or a name cannot slip into the inbox.
  const schema = KINDS.get(n.kind);
  if (!schema) throw new Error(`inbox kind ${n.kind} is not registered: list it in its module manifest's inbox`);
  const params = schema.parse(n.params);
  const users = [...(n.userIds ?? [])];
  const firms = [...(n.enterpriseIds ?? []), ...(n.enterpriseId ? [n.enterpriseId] : [])];
  if (users.length === 0 && firms.length === 0 && !n.organisationId) return [];
  if (n.link != null && !/^\/[a-z]/.test(n.link)) throw new Error(`inbox link "${n.link}" is not a web path`);
  const except = (n.exceptUserIds ?? []).filter((x): x is number => typeof x === 'number');
  const rows = await tx.query<{ user_id: number }>(
    `insert into inbox_notifications (user_id, kind, params, link, dedupe, created_at)
     select u.id, $5, $6::jsonb, $7, $8, coalesce($9::timestamptz, now())
       from users u join organisations o on o.id = u.organisation_id
      where not u.disabled and u.id <> all($4::int[])
        and (u.id = any($1::int[]) or u.organisation_id = $2
             or (u.role = 'enterprise_user' and o.enterprise_id = any($3::int[])))
      order by u.id
     on conflict (user_id, dedupe) where dedupe is not null do nothing
     returning user_id`,
    [
      users,
      n.organisationId ?? null,
      firms,
      except,
      n.kind,
      JSON.stringify(params),
      n.link ?? null,
      n.dedupe ?? null,
      n.at ?? null,
    ],
  );
  return rows.map((r) => r.user_id);
}

type Row = {
  id: number;
  kind: string;
  params: Record<string, string | number | null>;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
};

const COLUMNS = 'id, kind, params, link, created_at, read_at';

const toWire = (r: Row): TInboxItem => ({
  id: r.id,
  kind: r.kind,
  params: r.params,
  link: r.link,
  createdAt: new Date(r.created_at).toISOString(),
  readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
});

/** A user's notifications, newest first, with the unread count. */
export async function inboxOf(
  db: Db,
  userId: number,
  q: { unread: boolean; limit: number; offset: number; module?: string },
) {
  // $2: a module's kinds ('services.%'), or every kind
  const filter = `${q.unread ? 'and read_at is null' : ''} and kind like $2`;
  const like = q.module ? `${q.module}.%` : '%';
  const items = await db.query<Row>(
    `select ${COLUMNS} from inbox_notifications where user_id = $1 ${filter} order by id desc limit $3 offset $4`,
    [userId, like, q.limit, q.offset],
  );
  const [c] = await db.query<{ total: number; unread: number }>(
    `select count(*) filter (where true ${filter})::int as total, count(*) filter (where read_at is null)::int as unread
       from inbox_notifications where user_id = $1`,
    [userId, like],
  );
  return { items: items.map(toWire), total: c?.total ?? 0, unread: c?.unread ?? 0, limit: q.limit, offset: q.offset };
}

/** Marks one of the user's notifications read (a read one keeps its first reading); null when it is not theirs. */
export async function markRead(db: Db, userId: number, id: number): Promise<TInboxItem | null> {
  const [r] = await db.query<Row>(
    `update inbox_notifications set read_at = coalesce(read_at, now()) where id = $1 and user_id = $2 returning ${COLUMNS}`,
    [id, userId],
  );
  return r ? toWire(r) : null;
}

/** Marks every unread notification of the user read; returns how many. */
export async function markAllRead(db: Db, userId: number): Promise<number> {
  const rows = await db.query<{ id: number }>(
    'update inbox_notifications set read_at = now() where user_id = $1 and read_at is null returning id',
    [userId],
  );
  return rows.length;
}
