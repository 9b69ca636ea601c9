import { jobsOf } from '../../platform/jobs/index.js';
import type { ModuleManifest } from '../../platform/module.js';
import type { Actor } from '../auth/actor.js';
import { COCKPIT_FIGURES } from './figures.js';
import { remindJob, reportJob, snapshotJob } from './jobs.js';
import { registerCockpitRoutes } from './routes.js';
import { seedStalenessRules, seedTargets } from './seed.js';
import { requestReadScope } from './update-requests.js';

const cityWide = (a: Actor) => a.role === 'city_admin' || a.role === 'city_analyst';
const writer = (a: Actor) => !a.readOnly && (a.role === 'city_admin' || a.role === 'district_user');

const REMIND_EVERY_MS = 6 * 3600 * 1000;

/**
 * The cockpit (驾驶舱): figures per scope from every module's manifest, targets with progress, data
 * freshness with update requests to the owners, and PDF reports.
 */
export const cockpitModule: ModuleManifest = {
  name: 'cockpit',
  jobs: [reportJob, remindJob, snapshotJob],
  referenceTables: ['cockpit_staleness_rules'],
  idTables: { targets: 'cockpit_targets' },
  routes: registerCockpitRoutes,
  figures: COCKPIT_FIGURES,
  async seedReference(tx) {
    await seedStalenessRules(tx);
  },
  async seedDemo(tx, ctx) {
    ctx.counts.targets = await seedTargets(tx);
  },
  async clearDemo(tx) {
    await tx.query('delete from cockpit_update_requests');
    await tx.query('delete from cockpit_targets');
    await tx.query('delete from cockpit_figure_snapshots');
    await tx.query('delete from cockpit_reports');
  },
  async onListen(db) {
    // Reminders and the targets' snapshots through the job queue, now and every few hours.
    const tick = async () => {
      await jobsOf(db).send(remindJob, {}, { ownerUserId: null });
      await jobsOf(db).send(snapshotJob, {}, { ownerUserId: null });
    };
    setInterval(() => void tick().catch(() => undefined), REMIND_EVERY_MS).unref();
    await tick();
  },
  policies: {
    'cockpit-targets': {
      read: () => null,
      write: (a, q) => {
        if (!writer(a)) return false;
        if (a.role === 'city_admin') return null;
        return `t.scope = any(${q.p(a.regionCodes.map((c) => `district:${c}`))}::text[])`;
      },
      create: (a) => (writer(a) ? 'scoped' : false),
      confidential: [],
      seesConfidential: () => true,
    },
    'cockpit-update-requests': {
      read: (a, q) => requestReadScope(a, q),
      write: (a, q) => (a.readOnly ? false : requestReadScope(a, q)),
      create: (a) =>
        !a.readOnly && (a.role === 'city_admin' || a.role === 'district_user' || a.role === 'park_operator')
          ? 'scoped'
          : false,
      confidential: [],
      seesConfidential: () => true,
    },
  },
  features: {
    /** Add and change targets: city administrators, district users for their districts. */
    'cockpit.targets': writer,
    /** The staleness view: city roles, zone roles (their parks), enterprise users (their own). */
    'cockpit.freshness': (a) =>
      cityWide(a) || a.role === 'district_user' || a.role === 'park_operator' || a.role === 'enterprise_user',
    /** Send update requests to owners: the bureau, districts and park operators. */
    'cockpit.request_updates': (a) =>
      !a.readOnly && (a.role === 'city_admin' || a.role === 'district_user' || a.role === 'park_operator'),
    /** Generate reports (every signed-in role; a report holds what the role may see). */
    'cockpit.reports': () => true,
  },
  errors: {
    'cockpit.unknown_metric': {
      zh: '未知指标（不是已登记的驾驶舱指标）',
      en: 'Unknown metric (not a registered cockpit figure)',
    },
    'cockpit.not_targetable': {
      zh: '该指标不能设目标（只有计数和总量可以）',
      en: 'This figure cannot carry a target (only counts and sums can)',
    },
    'cockpit.scope_unsupported': {
      zh: '该指标或报告不支持这个范围',
      en: 'This figure or report does not support this scope',
    },
    'cockpit.period_order': { zh: '期限结束日期早于开始日期', en: 'The period ends before it starts' },
    'cockpit.owns_nothing': {
      zh: '该机构在此范围内不拥有任何数据，无法向其发送更新请求',
      en: 'This organisation owns no data in this scope; an update request cannot go to it',
    },
    'cockpit.nothing_stale': {
      zh: '该机构在此范围内的数据都是最新的',
      en: "This organisation's data in this scope is all current",
    },
    'cockpit.due_in_past': { zh: '答复期限已过', en: 'The due date is in the past' },
    'cockpit.metrics_need_values': {
      zh: '年度指标不能以“未变化”确认，请填报应报年度的数据',
      en: 'Yearly figures cannot be confirmed unchanged; file the year that is due',
    },
    'cockpit.not_updated': { zh: '该数据尚未更新', en: 'This fact has not been updated yet' },
    'cockpit.request_closed': { zh: '该请求已关闭', en: 'This request is closed' },
    'cockpit.report_unavailable': { zh: '该报告尚未提供', en: 'This report is not available yet' },
  },
};
