/** A project's page: the project with its team, contacts, documents, follow-ups, orders, outcomes and timeline. */
import type { Db } from '../../../db/connect.js';
import type { Ctx } from '../../lib/resource.js';
import { present } from '../../lib/sql.js';
import { redactTimelineEntry } from '../../platform/policy/index.js';
import { listOrders } from './follow-ups.js';
import { loadProject } from './repository.js';
import type {
  ContactRow,
  DocumentWithFileRow,
  FollowUpWithByRow,
  ProjectDetail,
  ProjectOutcomeRow,
  TeamMemberRow,
  TimelineRow,
} from './types.js';

export async function projectDetail(db: Db, id: number, ctx: Ctx | undefined): Promise<ProjectDetail> {
  const project = await loadProject(db, id, ctx);
  const hidden = !!project.redacted;
  const rows = <T>(sql: string) => db.query(sql, [id]).then((r) => r.map((x) => present<T>(x)));
  const [team, contacts, documents, followUps, timeline, outcomes, orders] = await Promise.all([
    rows<TeamMemberRow>(
      `select u.id, u.display_name, u.role from project_team m join users u on u.id = m.user_id where m.project_id = $1 order by u.id`,
    ),
    hidden ? Promise.resolve([]) : rows<ContactRow>('select * from project_contacts where project_id = $1 order by id'),
    hidden
      ? Promise.resolve([])
      : rows<DocumentWithFileRow>(
          `select d.*, f.file_name, f.content_type, f.size_bytes
             from project_documents d left join project_document_files f on f.document_id = d.id
            where d.project_id = $1 order by d.id`,
        ),
    rows<FollowUpWithByRow>(
      `select f.*, u.display_name as by_name from project_follow_ups f left join users u on u.id = f.by_user_id
        where f.project_id = $1 order by f.on_date desc, f.id desc`,
    ),
    rows<TimelineRow>('select * from project_timeline where project_id = $1 order by at desc, id desc'),
    rows<ProjectOutcomeRow>(
      `select o.*, e.name as event_name, e.kind as event_kind from event_outcomes o join events e on e.id = o.event_id
        where o.project_id = $1 order by o.on_date nulls last, o.id`,
    ),
    listOrders(db, { projectId: id }, ctx),
  ]);
  // Follow-up notes often name the investor: behind a code name they are withheld too.
  const withheld = <T extends object>(rows: T[], key: keyof T, when: (r: T) => boolean) =>
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
