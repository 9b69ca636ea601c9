/** A project's page: the project with its team, contacts, documents, follow-ups, orders, outcomes and timeline. */
import type { Db } from '../../../db/connect.js';
import type { Ctx } from '../../lib/resource.js';
import { present } from '../../lib/sql.js';
import { redactTimelineEntry } from '../../platform/policy/index.js';
import { listOrders } from './follow-ups.js';
import { loadProject } from './repository.js';

export async function projectDetail(db: Db, id: number, ctx: Ctx | undefined) {
  const project = await loadProject(db, id, ctx);
  const hidden = !!project.redacted;
  const rows = (sql: string) => db.query(sql, [id]).then((r) => r.map((x) => present<Record<string, unknown>>(x)));
  const [team, contacts, documents, followUps, timeline, outcomes, orders] = await Promise.all([
    rows(
      `select u.id, u.display_name, u.role from project_team m join users u on u.id = m.user_id where m.project_id = $1 order by u.id`,
    ),
    hidden ? Promise.resolve([]) : rows('select * from project_contacts where project_id = $1 order by id'),
    hidden
      ? Promise.resolve([])
      : rows(
          `select d.*, f.file_name, f.content_type, f.size_bytes
             from project_documents d left join project_document_files f on f.document_id = d.id
            where d.project_id = $1 order by d.id`,
        ),
    rows(
      `select f.*, u.display_name as by_name from project_follow_ups f left join users u on u.id = f.by_user_id
        where f.project_id = $1 order by f.on_date desc, f.id desc`,
    ),
    rows('select * from project_timeline where project_id = $1 order by at desc, id desc'),
    rows(
      `select o.*, e.name as event_name, e.kind as event_kind from event_outcomes o join events e on e.id = o.event_id
        where o.project_id = $1 order by o.on_date nulls last, o.id`,
    ),
    listOrders(db, { projectId: id }, ctx),
  ]);
  // Follow-up notes often name the investor: behind a code name they are withheld too.
  const withheld = <T extends Record<string, unknown>>(rows: T[], key: string, when: (r: T) => boolean) =>
    hidden ? rows.map((r) => (when(r) ? { ...r, [key]: null } : r)) : rows;
  return {
    project,
    team,
    contacts,
    documents,
    followUps: withheld(followUps, 'note', () => true),
    // document and contact entries name files and people, which can name the investor too
    timeline: withheld(
      withheld(timeline, 'note', (r) => r.kind === 'follow_up' || r.kind === 'created'),
      'changes',
      (r) => r.kind === 'document' || r.kind === 'contact',
    ).map((r) => (hidden ? redactTimelineEntry(r) : r)),
    outcomes,
    orders,
    contactsHidden: hidden,
  };
}
