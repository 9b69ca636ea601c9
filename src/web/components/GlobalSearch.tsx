/**
 * The header's search box: type-ahead over /api/v1/search (Chinese substrings, pinyin, initials,
 * aliases, credit codes), hits grouped by kind with the matched characters marked. Arrow keys move,
 * Enter opens the highlighted hit, "/" focuses the box from anywhere.
 */
import { ApartmentOutlined, BankOutlined, ExperimentOutlined, SearchOutlined, ShopOutlined } from '@ant-design/icons';
import { App, AutoComplete, type GetRef, Spin, Typography } from 'antd';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../client/client';
import { useSearch } from '../client/queries';
import type { SearchHit, SearchType, TInstitution } from '../client/types';
import { Highlight } from './Highlight';

const DEBOUNCE_MS = 200;
const ICONS: Record<SearchType, ReactNode> = {
  enterprise: <ShopOutlined />,
  park: <ApartmentOutlined />,
  building: <BankOutlined />,
  institution: <ExperimentOutlined />,
};
const NAME_FIELDS = new Set(['name', 'namePinyin', 'nameInitials']);
const HIT_VALUE = /^(park|building|enterprise|institution):(\d+)$/;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

function HitRow({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation();
  // The ranges mark the title, unless an alias, code, tag or product matched: then show that too.
  const onTitle = NAME_FIELDS.has(hit.matchedField) || hit.highlight.text === hit.title;
  return (
    <div className="search-hit" data-testid={`search-hit-${hit.type}-${hit.id}`}>
      <div className="search-hit-title">
        {onTitle ? <Highlight text={hit.highlight.text} ranges={hit.highlight.ranges} /> : hit.title}
      </div>
      {!onTitle && (
        <div className="search-hit-sub">
          {t(`search.field.${hit.matchedField}` as 'search.field.alias', { defaultValue: hit.matchedField })}
          {t('search.colon')}
          <Highlight text={hit.highlight.text} ranges={hit.highlight.ranges} />
        </div>
      )}
      {hit.subtitle && (
        <Typography.Text type="secondary" className="search-hit-sub" ellipsis>
          {hit.subtitle}
        </Typography.Text>
      )}
    </div>
  );
}

export function GlobalSearch({ width = 320 }: { width?: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const input = useRef<GetRef<typeof AutoComplete>>(null);
  const q = useDebounced(text.trim(), DEBOUNCE_MS);
  const search = useSearch(q);
  const hits = q ? (search.data?.items ?? []) : [];
  const waiting = text.trim() !== q || search.isFetching;

  // "/" focuses the box, unless the user is typing somewhere else.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const el = e.target as HTMLElement | null;
      if (el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))) return;
      e.preventDefault();
      input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const options = useMemo(() => {
    // Groups in the order of their best hit, so the top hit stays first and Enter opens it.
    const groups = new Map<SearchType, SearchHit[]>();
    for (const h of hits) {
      const g = groups.get(h.type);
      if (g) g.push(h);
      else groups.set(h.type, [h]);
    }
    return [...groups.entries()].map(([type, list]) => ({
      label: (
        <span className="search-group">
          {ICONS[type]} {t(`search.type.${type}`)}
          <span className="search-group-count">{list.length}</span>
        </span>
      ),
      options: list.map((h) => ({ value: `${h.type}:${h.id}`, label: <HitRow hit={h} /> })),
    }));
  }, [hits, t]);

  const openHit = async (type: SearchType, id: number) => {
    setText('');
    setOpen(false);
    input.current?.blur();
    if (type === 'park') navigate(`/parks/${id}`);
    else if (type === 'building') navigate(`/buildings/${id}`);
    else if (type === 'enterprise') navigate(`/enterprises/${id}`);
    else {
      // Institutions have no page of their own: open their building, park or district.
      try {
        const inst = await api.get<TInstitution>(`/institutions/${id}`);
        if (inst.buildingId) navigate(`/buildings/${inst.buildingId}`);
        else if (inst.parkId) navigate(`/parks/${inst.parkId}?tab=institutions`);
        else if (inst.regionCode) navigate(`/parks?regionCode=${inst.regionCode}`);
        else void message.info(t('search.noPlace'));
      } catch {
        void message.error(t('search.failed'));
      }
    }
  };

  const notFound = !q ? null : search.isError ? (
    <Typography.Text type="danger">{t('search.failed')}</Typography.Text>
  ) : waiting && hits.length === 0 ? (
    <Spin size="small" />
  ) : hits.length === 0 ? (
    <span data-testid="search-empty">{t('search.noResults', { q })}</span>
  ) : null;

  return (
    <AutoComplete
      ref={input}
      value={text}
      open={open && text.trim().length > 0}
      onOpenChange={setOpen}
      options={options}
      showSearch={{ filterOption: false }}
      defaultActiveFirstOption
      notFoundContent={notFound}
      popupMatchSelectWidth={Math.max(width, 440)}
      popupRender={(menu) => (
        // Which query the shown hits answer, and whether a newer one is on its way.
        <div data-testid="search-results" data-query={search.data?.query ?? ''} aria-busy={waiting}>
          {menu}
        </div>
      )}
      listHeight={440}
      onChange={(v: string) => {
        if (HIT_VALUE.test(v)) return; // a hit was picked; onSelect handles it
        setText(v);
        setOpen(true);
      }}
      onSelect={(v: string) => {
        const m = HIT_VALUE.exec(v);
        if (m) void openHit(m[1] as SearchType, Number(m[2]));
      }}
      allowClear
      prefix={
        waiting && text.trim() ? (
          <Spin size="small" style={{ marginInlineEnd: 2 }} />
        ) : (
          <SearchOutlined style={{ color: '#9ca3af' }} />
        )
      }
      placeholder={t('search.placeholder')}
      aria-label={t('search.label')}
      style={{ width, lineHeight: 'normal' }}
      classNames={{ popup: { root: 'global-search-popup' } }}
      data-testid="global-search"
    />
  );
}
