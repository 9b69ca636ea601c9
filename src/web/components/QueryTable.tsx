/**
 * A table over a list query ({ items }): the error with a retry in place of the table, a loading
 * table while the first answer comes, and an empty state that says when filters hid everything.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import { Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState } from './states';

export function QueryTable<T extends object>({
  query,
  filtered = false,
  empty,
  testId,
  ...table
}: {
  query: UseQueryResult<{ items: T[] }>;
  /** Filters are set: an empty answer says so. */
  filtered?: boolean;
  /** What an empty, unfiltered list says. */
  empty?: ReactNode;
  testId?: string;
} & Omit<TableProps<T>, 'dataSource' | 'loading'>) {
  const { t } = useTranslation();
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Table<T>
      size="small"
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: <EmptyState description={filtered ? t('common.emptyFiltered') : empty} /> }}
      {...table}
      loading={query.isPending}
      dataSource={query.data?.items ?? []}
      data-testid={testId}
    />
  );
}
