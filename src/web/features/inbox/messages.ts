/**
 * UI strings of the inbox (站内消息), merged into the app's messages under `inbox` (see app/i18n). A
 * notification is rendered from its kind's template here (`kind_<kind with _>`) and its parameters; names
 * and titles in the parameters are data, shown as written.
 */
import type { Widen } from '../../app/i18n/widen';

export const zh = {
  title: '站内消息',
  subtitle: '与您和您的企业有关的新匹配、对接联系、服务回复、惠企政策等通知',
  bell: '站内消息',
  bellUnread: '站内消息：{{count}} 条未读',
  bellUnread_one: '站内消息：{{count}} 条未读',
  all: '全部',
  unread: '未读',
  markRead: '标为已读',
  markAllRead: '全部标为已读',
  markedAll: '已将 {{count}} 条消息标为已读',
  markedAll_one: '已将 {{count}} 条消息标为已读',
  open: '查看',
  isUnread: '未读',
  empty: '暂无消息',
  emptyUnread: '没有未读消息',
  total: '共 {{count}} 条',
  total_one: '共 {{count}} 条',
  kind_docking_new_matches: '您的发布「{{postingTitle}}」有 {{count}} 条新的供需匹配',
  kind_docking_new_matches_one: '您的发布「{{postingTitle}}」有 {{count}} 条新的供需匹配',
  kind_docking_matched: '{{otherName}}发布的「{{postingTitle}}」与贵企业匹配',
  kind_docking_contact_opened: '您与{{otherName}}的对接双方均有意向，联系方式已开放',
  kind_services_reply: '服务管家回复了您的诉求「{{ticketTitle}}」',
  kind_services_policy: '贵企业符合免申即享政策「{{policyTitle}}」（第 {{version}} 版），无需申请',
  kind_services_escalated: '诉求「{{ticketTitle}}」已升级至{{level}}，转由贵单位办理',
  kind_evaluation_review_due:
    '{{enterpriseName}}的「{{tierName}}」称号将于 {{validUntil}} 到期，请于 {{dueOn}} 前申请复核',
  kind_evaluation_lapsed: '{{enterpriseName}}的「{{tierName}}」称号已于 {{validUntil}} 到期，未经复核续期，现已失效',
  kind_unknown: '一条新消息',
  level_district: '区级',
  level_city: '市级',
} as const;

export const en: Widen<typeof zh> = {
  title: 'Inbox',
  subtitle: 'New matches, docking contacts, service replies, business-support policies and more for you and your firm',
  bell: 'Inbox',
  bellUnread: 'Inbox: {{count}} unread',
  bellUnread_one: 'Inbox: 1 unread',
  all: 'All',
  unread: 'Unread',
  markRead: 'Mark read',
  markAllRead: 'Mark all read',
  markedAll: '{{count}} notifications marked read',
  markedAll_one: '1 notification marked read',
  open: 'Open',
  isUnread: 'Unread',
  empty: 'No notifications',
  emptyUnread: 'No unread notifications',
  total: '{{count}} in all',
  total_one: '1 in all',
  kind_docking_new_matches: 'Your posting “{{postingTitle}}” has {{count}} new supply–demand matches',
  kind_docking_new_matches_one: 'Your posting “{{postingTitle}}” has 1 new supply–demand match',
  kind_docking_matched: '{{otherName}} posted “{{postingTitle}}”, which matches your firm',
  kind_docking_contact_opened: 'You and {{otherName}} are both interested: contact details are now open',
  kind_services_reply: 'The service butler replied to your request “{{ticketTitle}}”',
  kind_services_policy:
    'Your firm qualifies for the no-application policy “{{policyTitle}}” (version {{version}}): nothing to apply for',
  kind_services_escalated: 'Request “{{ticketTitle}}” was escalated to the {{level}} level and handed to your team',
  kind_evaluation_review_due:
    '{{enterpriseName}}’s “{{tierName}}” honour expires on {{validUntil}}: apply for re-review by {{dueOn}}',
  kind_evaluation_lapsed:
    '{{enterpriseName}}’s “{{tierName}}” honour expired on {{validUntil}} without renewal and has lapsed',
  kind_unknown: 'A new notification',
  level_district: 'district',
  level_city: 'city',
};

/** Their namespace (`t('inbox.…')`); app/i18n/feature-messages.ts finds this file by its name. */
export const namespace = 'inbox';

declare module '../../app/i18n/feature-messages' {
  interface FeatureMessages {
    inbox: typeof zh;
  }
}
