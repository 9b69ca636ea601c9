/**
 * 站内消息: the signed-in user's notifications, newest first (all or unread only), each rendered from its
 * kind and parameters and linking to its page; opening one marks it read; mark one or all read.
 */
import { CheckOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, Flex, List, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { TInboxItem } from '../../../contracts/inbox';
import { fmtDateTime } from '../../app/format';
import { problemText } from '../../app/problems';
import { api } from '../../client/client';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { NoticeText } from './NoticeText';
import { INBOX_KEY, useInbox } from './queries';

const PAGE_SIZE = 20;

export default function InboxPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const list = useInbox({ unread: unreadOnly, page, pageSize: PAGE_SIZE });
  const refresh = () => void qc.invalidateQueries({ queryKey: INBOX_KEY });
  const fail = (e: unknown) => void message.error(problemText(e, i18n.language, t('common.networkError')));
  const markRead = useMutation({
    mutationFn: (id: number) => api.post<TInboxItem>(`/inbox/${id}/read`, {}),
    onError: fail,
    onSettled: refresh,
  });
  const markAll = useMutation({
    mutationFn: () => api.post<{ marked: number }>('/inbox/read-all', {}),
    onSuccess: (r) => void message.success(t('inbox.markedAll', { count: r.marked })),
    onError: fail,
    onSettled: refresh,
  });
  const unread = list.data?.unread ?? 0;

  const open = (item: TInboxItem) => {
    if (!item.readAt) markRead.mutate(item.id);
    if (item.link) navigate(item.link);
  };

  return (
    <>
      <PageHeader
        title={t('inbox.title')}
        subtitle={t('inbox.subtitle')}
        extra={
          <Flex gap={8} wrap>
            <Segmented<'all' | 'unread'>
              value={unreadOnly ? 'unread' : 'all'}
              onChange={(v) => {
                setUnreadOnly(v === 'unread');
                setPage(1);
              }}
              options={[
                { value: 'all', label: t('inbox.all') },
                { value: 'unread', label: unread > 0 ? `${t('inbox.unread')} (${unread})` : t('inbox.unread') },
              ]}
              data-testid="inbox-filter"
            />
            <Button
              icon={<CheckOutlined />}
              disabled={unread === 0}
              loading={markAll.isPending}
              onClick={() => markAll.mutate()}
              data-testid="inbox-read-all"
            >
              {t('inbox.markAllRead')}
            </Button>
          </Flex>
        }
      />
      <Card>
        <QueryView
          query={list}
          isEmpty={(d) => d.items.length === 0}
          empty={unreadOnly ? t('inbox.emptyUnread') : t('inbox.empty')}
        >
          {(data) => (
            <List<TInboxItem>
              dataSource={data.items}
              data-testid="inbox-list"
              pagination={
                data.total > PAGE_SIZE
                  ? {
                      current: page,
                      pageSize: PAGE_SIZE,
                      total: data.total,
                      onChange: setPage,
                      showSizeChanger: false,
                      showTotal: (n) => t('inbox.total', { count: n }),
                    }
                  : false
              }
              renderItem={(item) => (
                <List.Item
                  data-testid="inbox-item"
                  data-unread={item.readAt ? 'false' : 'true'}
                  actions={[
                    ...(item.link
                      ? [
                          <Button key="open" type="link" size="small" onClick={() => open(item)}>
                            {t('inbox.open')}
                          </Button>,
                        ]
                      : []),
                    ...(item.readAt
                      ? []
                      : [
                          <Button
                            key="read"
                            type="link"
                            size="small"
                            onClick={() => markRead.mutate(item.id)}
                            data-testid="inbox-mark-read"
                          >
                            {t('inbox.markRead')}
                          </Button>,
                        ]),
                  ]}
                >
                  <List.Item.Meta
                    avatar={<Badge status={item.readAt ? 'default' : 'processing'} />}
                    title={
                      <Typography.Link
                        onClick={() => open(item)}
                        strong={!item.readAt}
                        style={{ color: item.readAt ? undefined : 'inherit' }}
                        data-testid="inbox-item-text"
                      >
                        <NoticeText item={item} />
                      </Typography.Link>
                    }
                    description={
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {fmtDateTime(item.createdAt, i18n.language)}
                        {!item.readAt && ` · ${t('inbox.isUnread')}`}
                      </Typography.Text>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </QueryView>
      </Card>
    </>
  );
}
