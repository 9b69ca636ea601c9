/**
 * UI strings of the inbox (站内消息), merged into the app's messages under `inbox` (see app/i18n). A
 * notification's template is not here: the feature of the module that sends it keeps it
 * (`<feature>.notice.<kind>`, inbox/notice-key.ts); this page only has the words for a kind it does not know.
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
  kind_unknown: '一条新消息',
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
  kind_unknown: 'A new notification',
};

/** Their namespace (`t('inbox.…')`); app/i18n/feature-messages.ts finds this file by its name. */
export const namespace = 'inbox';

declare module '../../app/i18n/feature-messages' {
  interface FeatureMessages {
    inbox: typeof zh;
  }
}
