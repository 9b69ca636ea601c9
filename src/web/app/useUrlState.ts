import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { parseIntParam } from './format';

type Patch = Record<string, string | number | boolean | null | undefined>;

/**
 * Filters, paging and tabs live in the query string so a view can be shared by its URL.
 * Changing any filter resets the page unless the patch sets `page` itself.
 */
export function useUrlState() {
  const [sp, setSp] = useSearchParams();
  const get = useCallback((k: string): string | undefined => sp.get(k) ?? undefined, [sp]);
  const set = useCallback(
    (patch: Patch, opts: { replace?: boolean } = {}) => {
      setSp(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === null || v === '' || v === false) next.delete(k);
            else next.set(k, String(v));
          }
          if (!('page' in patch)) next.delete('page');
          return next;
        },
        { replace: opts.replace },
      );
    },
    [setSp],
  );
  const clear = useCallback(
    (keep: string[] = []) => {
      setSp((prev) => {
        const next = new URLSearchParams();
        for (const k of keep) {
          const v = prev.get(k);
          if (v !== null) next.set(k, v);
        }
        return next;
      });
    },
    [setSp],
  );
  return { sp, get, set, clear };
}

/** Paging in the URL: ?page=2&pageSize=20 → limit/offset for the API. */
export function usePaging(defaultSize = 20) {
  const { get, set } = useUrlState();
  const page = Math.max(1, parseIntParam(get('page')) ?? 1);
  const pageSize = Math.min(500, Math.max(5, parseIntParam(get('pageSize')) ?? defaultSize));
  const sort = get('sort');
  return useMemo(
    () => ({
      page,
      pageSize,
      sort,
      limit: pageSize,
      offset: (page - 1) * pageSize,
      onChange: (p: number, size: number) =>
        set({ page: p > 1 ? p : undefined, pageSize: size !== defaultSize ? size : undefined }),
    }),
    [page, pageSize, sort, set, defaultSize],
  );
}
