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
  kind_unknown: '其他任务',
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
  outcome_importChecked:
    '已校验 {{rows}} 行：可新增 {{created}}，可更新 {{updated}}，错误 {{errors}}，提醒 {{warnings}}',
  outcome_importCommitted: '已导入 {{rows}} 行：新增 {{created}}，更新 {{updated}}',
  outcome_importRejected: '未导入：{{rows}} 行中有 {{errors}} 处错误',
  outcome_scheduled: '已排定 {{scheduled}} / {{requested}} 场洽谈，未排 {{left}} 场',
  outcome_evaluated: '已评价 {{assessed}} 家企业，{{notAssessed}} 家数据不足未评价',
  outcome_reminders: '已生成 {{count}} 条复核提醒',
  outcome_reminders_one: '已生成 {{count}} 条复核提醒',
  outcome_slaSweep: '已检查 {{checked}} 张工单，升级 {{escalated}} 张',
  outcome_slaRecompute: '已重算 {{count}} 张工单的时限',
  outcome_slaRecompute_one: '已重算 {{count}} 张工单的时限',
  outcome_planned: '排箱 {{containers}} 箱，装入 {{placed}} 单，无法装入 {{unplaced}} 单，距下界 {{gap}}%',
  outcome_planSaved: '已生成排箱方案 #{{id}}（箱数与差距见枢纽的排箱页）',
  outcome_report: '报告已生成（{{kb}} KB）',
  outcome_letter: '评价告知书已生成（{{kb}} KB）',
  outcome_rematched: '已重新匹配 {{postings}} 条发布：新增匹配 {{newMatches}} 条，更新 {{refreshed}} 条',
  outcome_download: '下载',
  outcome_open: '查看',
  outcome_remind: '已提醒 {{reminded}} 项，升级 {{escalated}} 项',
  outcome_snapshot: '已记录 {{count}} 项指标',
  outcome_snapshot_one: '已记录 {{count}} 项指标',
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
  kind_unknown: 'Other job',
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
  outcome_importChecked:
    'Rows checked: {{rows}}; to add: {{created}}; to update: {{updated}}; errors: {{errors}}; warnings: {{warnings}}',
  outcome_importCommitted: 'Rows imported: {{rows}}; added: {{created}}; updated: {{updated}}',
  outcome_importRejected: 'Not imported. Errors: {{errors}}; rows: {{rows}}',
  outcome_scheduled: 'Meetings placed: {{scheduled}} of {{requested}}; left unplaced: {{left}}',
  outcome_evaluated: 'Firms assessed: {{assessed}}; lacking the data: {{notAssessed}}',
  outcome_reminders: '{{count}} re-review reminders created',
  outcome_reminders_one: '{{count}} re-review reminder created',
  outcome_slaSweep: 'Tickets checked: {{checked}}; escalated: {{escalated}}',
  outcome_slaRecompute: 'Deadlines recomputed for {{count}} tickets',
  outcome_slaRecompute_one: 'Deadlines recomputed for {{count}} ticket',
  outcome_planned:
    'Containers: {{containers}}; orders placed: {{placed}}; unplaceable: {{unplaced}}; {{gap}}% above the lower bound',
  outcome_planSaved: 'Consolidation plan #{{id}} made (containers and gap on the hub’s plan page)',
  outcome_report: 'Report ready ({{kb}} KB)',
  outcome_letter: 'Evaluation letter ready ({{kb}} KB)',
  outcome_rematched: 'Postings re-matched: {{postings}}; new matches: {{newMatches}}; refreshed: {{refreshed}}',
  outcome_download: 'Download',
  outcome_open: 'Open',
  outcome_remind: '{{reminded}} reminded, {{escalated}} escalated',
  outcome_snapshot: '{{count}} figures recorded',
  outcome_snapshot_one: '{{count}} figure recorded',
};

/** Their namespace (`t('jobs.…')`); app/i18n/feature-messages.ts finds this file by its name. */
export const namespace = 'jobs';

declare module '../../app/i18n/feature-messages' {
  interface FeatureMessages {
    jobs: typeof zh;
  }
}
