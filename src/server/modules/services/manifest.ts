import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { SERVICES_INBOX } from '../../../contracts/services-inbox.js';
import type { Db } from '../../../db/connect.js';
import type { ModuleManifest } from '../../platform/module.js';
import { registerAdminRoutes } from './admin-routes.js';
import { SERVICES_FIGURES } from './figures.js';
import { FEATURES, policyLibraryPolicy, ticketPolicy, visitPolicy } from './policy.js';
import { registerPolicyRoutes } from './policy-routes.js';
import { clearServicesDemo, seedServicesDemo } from './seed-demo.js';
import { recomputeJob, startSweeps, sweepJob } from './sla-jobs.js';
import { registerTicketRoutes } from './ticket-routes.js';
import { registerVisitRoutes } from './visit-routes.js';

const CATEGORIES = new URL('../../../../data/services/categories.json', import.meta.url);

/** Enterprise services (issue 15): 管家 tickets with SLAs on China's calendar, 一企一访 visits, policy eligibility. */
export const servicesModule: ModuleManifest = {
  name: 'services',
  inbox: SERVICES_INBOX,
  jobs: [sweepJob, recomputeJob],
  referenceTables: ['service_categories', 'service_settings', 'service_sla_policies'],
  idTables: { tickets: 'service_tickets', visits: 'service_visits', policies: 'service_policies' },
  routes(app: FastifyInstance, db: Db) {
    registerTicketRoutes(app, db);
    registerVisitRoutes(app, db);
    registerPolicyRoutes(app, db);
    registerAdminRoutes(app, db);
  },
  tracks: [],
  policies: { 'service-tickets': ticketPolicy, 'service-visits': visitPolicy, 'service-policies': policyLibraryPolicy },
  features: FEATURES,
  figures: SERVICES_FIGURES,
  async seedReference(tx) {
    const data = JSON.parse(readFileSync(CATEGORIES, 'utf8')) as {
      items: { code: string; system: string; nameZh: string; nameEn: string; ownerLevel: string }[];
    };
    await tx.query(
      `insert into service_categories (code, system, name_zh, name_en, owner_level, sort)
       select x.code, x.system, x."nameZh", x."nameEn", x."ownerLevel", x.ord::int
         from jsonb_to_recordset($1::jsonb) as x(code text, system text, "nameZh" text, "nameEn" text, "ownerLevel" text, ord int)
       on conflict (code) do update set system = excluded.system, name_zh = excluded.name_zh, name_en = excluded.name_en,
         owner_level = excluded.owner_level, sort = excluded.sort`,
      [JSON.stringify(data.items.map((c, ord) => ({ ...c, ord })))],
    );
    // The platform's default targets (synthetic; a city replaces them): 4 working hours, 5 working days.
    await tx.query(
      `insert into service_sla_policies (category_code, organisation_id, first_response_minutes, resolution_minutes, warn_minutes, synthetic)
       select null, null, 240, 2100, 60, true
        where not exists (select 1 from service_sla_policies where category_code is null and organisation_id is null)`,
    );
  },
  seedDemo: seedServicesDemo,
  clearDemo: clearServicesDemo,
  async onListen(db) {
    startSweeps(db);
  },
  errors: {
    'services.other_firm': {
      zh: '只能为本企业（或您服务范围内的企业）提交和查看服务请求、走访与政策匹配',
      en: 'You can only open or see requests, visits and eligibility of your own firm (or the firms you serve)',
    },
    'services.unknown_category': { zh: '没有这个服务类别', en: 'There is no such service category' },
    'services.ticket_closed': {
      zh: '工单已关闭或已合并，不能再回复',
      en: 'The ticket is closed or merged: it takes no more replies',
    },
    'services.ticket_merged': { zh: '工单已合并到另一工单', en: 'The ticket was merged into another one' },
    'services.ticket_state': { zh: '工单当前状态不允许此操作', en: 'The ticket’s status does not allow this' },
    'services.assignee': { zh: '只能指派给服务方的有效用户', en: 'Assign to an active user of the service side' },
    'services.merge_self': { zh: '不能把工单合并到它自己', en: 'A ticket cannot be merged into itself' },
    'services.merge_target': {
      zh: '只能合并到同一企业、未合并的工单',
      en: 'Merge only into a ticket of the same firm that is not merged itself',
    },
    'services.condition_unknown_field': { zh: '条件使用了未知字段', en: 'The condition uses an unknown field' },
    'services.condition_operator': { zh: '该字段不支持此运算符', en: 'This field does not take this operator' },
    'services.condition_value_type': { zh: '条件值类型不符', en: 'The condition’s value has the wrong type' },
    'services.condition_duplicate_id': { zh: '条款编号重复', en: 'Two conditions have the same id' },
    'services.window_order': {
      zh: '服务时段的结束时间应晚于开始时间',
      en: 'A service window must end after it starts',
    },
    'services.window_overlap': { zh: '服务时段重叠或未按时间排序', en: 'Service windows overlap or are out of order' },
    'services.warn_too_long': {
      zh: '预警时间应短于时限本身',
      en: 'The warning time must be shorter than the targets themselves',
    },
    'services.visit_state': { zh: '走访当前状态不允许此操作', en: 'The visit’s status does not allow this' },
    'services.visit_own': { zh: '这是本单位自己的走访', en: 'This is your own organisation’s visit' },
    'services.file_type': {
      zh: '不支持这种附件类型（可上传 PDF、OFD、图片、Word / Excel / PowerPoint、TXT、CSV、ZIP）',
      en: 'This kind of file cannot be attached (PDF, OFD, images, Word / Excel / PowerPoint, TXT, CSV and ZIP can)',
    },
    'services.file_empty': { zh: '附件是空文件', en: 'The file is empty' },
    'services.file_too_big': { zh: '附件不能超过 10 MB', en: 'A file may be at most 10 MB' },
    'services.not_auto_grant': {
      zh: '该政策不是“免申即享”政策',
      en: 'This policy is not granted without application (免申即享)',
    },
  },
};
