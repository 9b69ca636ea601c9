import type { SorterResult } from 'antd/es/table/interface';

/** "-name" ↔ antd's sortOrder for a column. */
export function sortOrderOf(sort: string | undefined, field: string): 'ascend' | 'descend' | null {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}

export function toSortParam<T>(s: SorterResult<T>): string | undefined {
  const field = Array.isArray(s.field)
    ? s.field.join('.')
    : s.field !== undefined
      ? String(s.field)
      : s.columnKey !== undefined
        ? String(s.columnKey)
        : undefined;
  if (!field || !s.order) return undefined;
  return s.order === 'descend' ? `-${field}` : field;
}

/** Table onChange that only reacts to sorting (paging has its own handler). */
export function onSortOnly<T>(apply: (sort: string | undefined) => void) {
  return (_p: unknown, _f: unknown, sorter: SorterResult<T> | SorterResult<T>[], extra: { action: string }) => {
    if (extra.action === 'sort' && !Array.isArray(sorter)) apply(toSortParam(sorter));
  };
}
