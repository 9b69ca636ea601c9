/**
 * GB/T 4754-2017 picker: a lazily loaded tree (section → division → group → class) that turns
 * into a flat server-side search when the user types.
 */
import { TreeSelect } from 'antd';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchIndustryChildren, useIndustryClass, useIndustryClasses } from '../../client/queries';
import type { TIndustryClass } from '../../client/types';

interface Node {
  id: string;
  pId: string | number;
  value: string;
  title: string;
  isLeaf: boolean;
  selectable: boolean;
}

function toNode(c: TIndustryClass, classOnly: boolean, flat = false): Node {
  return {
    id: c.code,
    pId: flat ? 0 : (c.parentCode ?? 0),
    value: c.code,
    title: `${c.code} ${c.name}`,
    isLeaf: flat || c.level === 'class',
    selectable: classOnly ? c.level === 'class' : true,
  };
}

export function IndustryClassPicker({
  value,
  onChange,
  classOnly = false,
  width,
  placeholder,
  id,
  status,
  prefix,
}: {
  value?: string | null;
  onChange?: (v: string | undefined) => void;
  classOnly?: boolean;
  width?: number | string;
  placeholder?: string;
  id?: string;
  status?: 'error' | 'warning';
  prefix?: ReactNode;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  const [nodes, setNodes] = useState<Map<string, Node>>(new Map());
  const sections = useIndustryClasses({ level: 'section' });
  const current = useIndustryClass(value ?? undefined);
  const found = useIndustryClasses({ q: debounced, limit: 100 }, debounced.length > 0);

  useEffect(() => {
    const h = setTimeout(() => setDebounced(search.trim()), 250);
    return () => clearTimeout(h);
  }, [search]);

  const add = useCallback(
    (list: TIndustryClass[]) =>
      setNodes((prev) => {
        const next = new Map(prev);
        for (const c of list) if (!next.has(c.code)) next.set(c.code, toNode(c, classOnly));
        return next;
      }),
    [classOnly],
  );

  useEffect(() => {
    if (sections.data) add(sections.data.items);
  }, [sections.data, add]);
  useEffect(() => {
    // Make sure the selected value and its ancestors are in the tree, so its label shows.
    if (current.data) add(current.data.path);
  }, [current.data, add]);

  const treeData = useMemo(() => {
    if (debounced) return (found.data?.items ?? []).map((c) => toNode(c, classOnly, true));
    return [...nodes.values()].sort((a, b) => a.id.localeCompare(b.id));
  }, [debounced, found.data, nodes, classOnly]);

  return (
    <TreeSelect<string>
      id={id}
      status={status}
      prefix={prefix}
      allowClear
      showSearch={{ searchValue: search, onSearch: setSearch, filterTreeNode: false }}
      value={value ?? undefined}
      onChange={(v) => {
        setSearch('');
        onChange?.(v ?? undefined);
      }}
      treeDataSimpleMode
      treeData={treeData}
      loadData={async (node) => {
        const code = String(node.value);
        const res = await fetchIndustryChildren(code);
        add(res.items);
      }}
      placeholder={placeholder ?? t('enterprise.industryClassPlaceholder')}
      style={{ width: width ?? '100%' }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, minWidth: 360 } } }}
      loading={sections.isPending || found.isFetching}
      notFoundContent={t('common.empty')}
      data-testid="industry-class-picker"
    />
  );
}
