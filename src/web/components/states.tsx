/** Loading, empty and error states, so every page shows the same three faces. */
import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Empty, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from '../app/problems';
import { ApiError } from '../client/client';

export function Loading({ rows = 6 }: { rows?: number }) {
  const { t } = useTranslation();
  return (
    <div role="status" aria-busy="true" aria-label={t('common.loading')} data-testid="loading">
      <Skeleton active paragraph={{ rows }} />
    </div>
  );
}

/** The user's role does not allow this page or action. */
export function Forbidden({ detail }: { detail?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t('common.forbiddenTitle')}
      subTitle={detail ?? t('common.forbiddenSubtitle')}
      data-testid="forbidden"
    />
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  if (error instanceof ApiError && error.status === 403) {
    return <Forbidden detail={problemText(error, i18n.language, t('common.networkError'))} />;
  }
  // Records outside the user's scope answer 404 too, so the page cannot tell the two apart.
  if (error instanceof ApiError && error.status === 404) {
    return (
      <Result
        status="404"
        title={t('common.notFoundTitle')}
        subTitle={t('common.notFoundSubtitle')}
        data-testid="not-found"
      />
    );
  }
  const detail = problemText(error, i18n.language, t('common.networkError'));
  return (
    <Result
      status="error"
      title={t('common.errorTitle')}
      subTitle={t('common.errorSubtitle', { detail })}
      data-testid="error"
      extra={
        onRetry && (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
    />
  );
}

export function EmptyState({ description }: { description?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description ?? t('common.empty')} data-testid="empty" />
  );
}

interface QueryViewProps<T> {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  rows?: number;
}

/** Renders a query's loading / error / empty state, or its data. */
export function QueryView<T>({ query, children, isEmpty, empty, rows }: QueryViewProps<T>) {
  if (query.isPending) return <Loading rows={rows} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  if (isEmpty?.(data)) return <EmptyState description={empty} />;
  return <>{children(data)}</>;
}
