/**
 * UI strings of the background-job list, merged into the app's messages under `jobs` (see app/i18n).
 * `en` must have exactly the keys of `zh` (checked by its type).
 */
import type { Widen } from '../../app/i18n/widen';

export const zh = {
  nav: '后台任务',
  title: '后台任务',
  subtitleOwn: '您发起的导入、测算、排程与报告等长时间任务：进度、结果或失败原因',
  subtitleAll: '所有用户发起的导入、测算、排程与报告等长时间任务：进度、结果或失败原因',
  onlyMine: '只看我的',
  refresh: '刷新',
  kind: '任务类型',
  label: '处理对象',
  state: '状态',
  progress: '进度',
  owner: '发起人',
  system: '系统',
  createdAt: '提交时间',
  startedAt: '开始时间',
  completedAt: '结束时间',
  outcome: '结果或问题',
  attempts: '第 {{n}} 次尝试',
  actions: '操作',
  cancel: '取消',
  cancelConfirm: '确定取消该任务？正在运行的任务会在一秒内停止，不写入任何数据。',
  retry: '重试',
  cancelled: '任务已取消',
  retried: '任务已重新排队',
  empty: '暂无后台任务',
  done: '已完成',
  phase: '步骤：{{phase}}',
  state_queued: '排队中',
  state_running: '运行中',
  state_completed: '已完成',
  state_failed: '失败',
  state_cancelled: '已取消',
  kind_import_check: '导入校验',
  kind_import_commit: '导入写入',
  kind_conferences_schedule: '会议排程',
  kind_evaluation_run: '企业评价测算',
  kind_evaluation_remind: '评价到期提醒',
  kind_services_sla_sweep: '服务时限巡检',
  kind_services_sla_recompute: '服务时限重算',
  kind_consolidation_plan: '集拼排箱',
  kind_cockpit_report: '驾驶舱报告',
  kind_cockpit_remind: '数据更新提醒',
  kind_cockpit_snapshot: '指标快照',
} as const;

export const en: Widen<typeof zh> = {
  nav: 'Background jobs',
  title: 'Background jobs',
  subtitleOwn:
    'Long work you started (imports, evaluation runs, scheduling, reports): progress, result or why it failed',
  subtitleAll:
    'Long work started by any user (imports, evaluation runs, scheduling, reports): progress, result or why it failed',
  onlyMine: 'Only mine',
  refresh: 'Refresh',
  kind: 'Kind',
  label: 'Works on',
  state: 'State',
  progress: 'Progress',
  owner: 'Started by',
  system: 'System',
  createdAt: 'Submitted',
  startedAt: 'Started',
  completedAt: 'Finished',
  outcome: 'Result or problem',
  attempts: 'attempt {{n}}',
  actions: 'Actions',
  cancel: 'Cancel',
  cancelConfirm: 'Cancel this job? A running job stops within a second and writes nothing.',
  retry: 'Retry',
  cancelled: 'Job cancelled',
  retried: 'Job queued again',
  empty: 'No background jobs yet',
  done: 'Done',
  phase: 'Step: {{phase}}',
  state_queued: 'Queued',
  state_running: 'Running',
  state_completed: 'Completed',
  state_failed: 'Failed',
  state_cancelled: 'Cancelled',
  kind_import_check: 'Import check',
  kind_import_commit: 'Import write',
  kind_conferences_schedule: 'Conference scheduling',
  kind_evaluation_run: 'Enterprise evaluation run',
  kind_evaluation_remind: 'Evaluation expiry reminders',
  kind_services_sla_sweep: 'Service deadline sweep',
  kind_services_sla_recompute: 'Service deadline recompute',
  kind_consolidation_plan: 'Consolidation planning',
  kind_cockpit_report: 'Cockpit report',
  kind_cockpit_remind: 'Data update reminders',
  kind_cockpit_snapshot: 'Figure snapshot',
};

/** Their namespace (`t('jobs.…')`); app/i18n/feature-messages.ts finds this file by its name. */
export const namespace = 'jobs';

declare module '../../app/i18n/feature-messages' {
  interface FeatureMessages {
    jobs: typeof zh;
  }
}
