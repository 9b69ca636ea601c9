/** Pieces of the audit log shared by the audit page and the per-record history: actions, entities, old → new. */
import { ArrowRightOutlined } from '@ant-design/icons';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TChainTemplate } from '../../../contracts/chains';
import { ENUM_LABELS } from '../../../contracts/labels';
import type { TCategory } from '../../../contracts/services';
import { listSep } from '../../app/format';
import { useLabels } from '../../app/labels';
import type { AuditEntry } from '../../client/auth';
import { api } from '../../client/client';
import { useTiers } from '../../client/queries';
import { OriginalText } from '../../components/OriginalText';
import { useConditionText } from '../services/conditionText';
import { changesOf } from './changes';
import {
  type AuditLookups,
  auditEntityLabel,
  auditFieldLabel,
  chainCodesIn,
  describeAuditValue,
  type Shown,
  viaText,
} from './values';

/** change_log entity (a table name) → its page, for the entities that have one. */
const PAGES: Record<string, string> = { parks: '/parks', buildings: '/buildings', enterprises: '/enterprises' };

export const AUDIT_ENTITIES = [
  'parks',
  'buildings',
  'floors',
  'units',
  'occupancies',
  'enterprises',
  'enterprise_metrics',
  'supply_links',
  'institutions',
  'events',
  'key_figures',
  'auth',
] as const;

const ACTION_COLORS: Record<string, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  sign_in: 'green',
  sign_in_failed: 'orange',
  locked: 'red',
  sign_out: 'default',
  sign_out_everywhere: 'default',
  password_changed: 'purple',
  password_reset: 'purple',
  token_created: 'cyan',
  token_revoked: 'cyan',
};

export function useEntityLabel() {
  const { t, i18n } = useTranslation();
  return (entity: string) =>
    auditEntityLabel(
      { t: (k, o) => String(t(k as 'audit.title', o)), exists: (k) => i18n.exists(k), language: i18n.language },
      entity,
    );
}

/** A changed field's label in the UI language: the audit's own, the entity page's, the forms'. */
export function useAuditFieldLabel() {
  const { t, i18n } = useTranslation();
  return (entity: string, field: string) =>
    auditFieldLabel(
      { t: (k, o) => String(t(k as 'audit.title', o)), exists: (k) => i18n.exists(k), language: i18n.language },
      entity,
      field,
    );
}

export function ActionTag({ action }: { action: string }) {
  const { t, i18n } = useTranslation();
  const text = i18n.exists(`audit.action.${action}`) ? t(`audit.action.${action}` as 'audit.action.create') : action;
  return (
    <Tag color={ACTION_COLORS[action] ?? 'default'} data-testid={`action-${action}`}>
      {text}
    </Tag>
  );
}

export function EntityRef({ entry }: { entry: AuditEntry }) {
  const label = useEntityLabel();
  const page = PAGES[entry.entity];
  if (entry.kind === 'auth') return <span>{label('auth')}</span>;
  return (
    <span>
      {label(entry.entity)}{' '}
      {page && entry.action !== 'delete' ? (
        <Link to={`${page}/${entry.entityId}`}>#{entry.entityId}</Link>
      ) : /^\d+$/.test(String(entry.entityId)) ? (
        <Typography.Text type="secondary">#{entry.entityId}</Typography.Text>
      ) : (
        // a composite key (a figure's code, scope and day) is no number a reader looks up: kept in the tooltip
        <Tooltip title={entry.entityId}>
          <Typography.Text type="secondary">#</Typography.Text>
        </Tooltip>
      )}
    </span>
  );
}

/** What the log's values name beyond the labels: the segments of the chains in `values`, honours, service categories. */
export function useAuditLookups(values: unknown[]): AuditLookups {
  const { t, i18n } = useTranslation();
  const { tierName } = useLabels();
  const tiers = useTiers();
  const conditions = useConditionText();
  const codes = [...chainCodesIn(values)].filter((c) => c in ENUM_LABELS.chain).sort();
  const templates = useQueries({
    queries: codes.map((c) => ({
      queryKey: ['chains', 'template', c],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<TChainTemplate>(`/chains/${c}`, undefined, signal),
      staleTime: 5 * 60_000,
      retry: false,
    })),
  });
  const needsCategories = JSON.stringify(values).includes('"categoryCode"');
  const categories = useQuery({
    queryKey: ['services', 'categories'],
    queryFn: ({ signal }) => api.get<{ items: TCategory[] }>('/services/categories', undefined, signal),
    enabled: needsCategories,
    staleTime: 5 * 60_000,
  });
  const en = i18n.language === 'en-US';
  const nodes = new Map<string, string>();
  for (const q of templates) for (const n of q.data?.nodes ?? []) nodes.set(n.id, en ? n.nameEn : n.nameZh);
  const tierBy = new Map((tiers.data?.items ?? []).map((x) => [x.code, x]));
  const catBy = new Map((categories.data?.items ?? []).map((c) => [c.code, en ? c.nameEn : c.nameZh]));
  return {
    t: (k, o) => String(t(k as 'audit.title', o)),
    exists: (k) => i18n.exists(k),
    language: i18n.language,
    nodeName: (id) => nodes.get(id),
    tierName: (code) => (tierBy.has(code) ? tierName(tierBy.get(code), code) : undefined),
    categoryName: (code) => catBy.get(code),
    condition: conditions.condition,
  };
}

/** A described value: labels with their code as a hint, data text as entered, lists and records as fields. */
function ShownValue({ shown }: { shown: Shown }) {
  const { t, i18n } = useTranslation();
  const sep = listSep(i18n.language);
  const colon = i18n.language === 'en-US' ? ': ' : '：';
  switch (shown.kind) {
    case 'empty':
      return (
        <Typography.Text type="secondary" italic>
          {t('audit.empty')}
        </Typography.Text>
      );
    case 'label':
      return (
        <Tooltip title={shown.code}>
          <span className="audit-value">{shown.text}</span>
        </Tooltip>
      );
    case 'code':
      return <span className="audit-value">{shown.text}</span>;
    case 'text':
      if (shown.ident)
        return (
          // an identifier has no language (zxx): marked so, neither the UI's words nor the other language's
          <span className="audit-value" lang="zxx" data-original-lang="zxx">
            {shown.text}
          </span>
        );
      return (
        <span className="audit-value">
          <LongText text={shown.text} />
          {shown.suffix && (i18n.language === 'en-US' ? ` (${shown.suffix})` : `（${shown.suffix}）`)}
        </span>
      );
    case 'list': {
      const shownItems = shown.items.slice(0, MAX_ITEMS);
      return (
        <span className="audit-value">
          {shownItems.map((x, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a stored list has no other identity
            <span key={i}>
              {i > 0 && (x.kind === 'fields' ? <br /> : sep)}
              <ShownValue shown={x} />
            </span>
          ))}
          {shown.items.length > shownItems.length && (
            <Typography.Text type="secondary">
              {sep}
              {t('audit.moreItems', { count: shown.items.length - shownItems.length })}
            </Typography.Text>
          )}
        </span>
      );
    }
    case 'fields':
      return (
        <span className="audit-value" data-testid="audit-fields">
          {shown.items.map((x, i) => (
            <span key={x.key}>
              {i > 0 && (i18n.language === 'en-US' ? '; ' : '；')}
              <Tooltip title={x.key}>
                <Typography.Text type="secondary">
                  {x.label}
                  {colon}
                </Typography.Text>
              </Tooltip>
              <ShownValue shown={x.value} />
            </span>
          ))}
        </span>
      );
  }
}

const MAX_ITEMS = 6;

/** Text as entered, in its own language; shortened past 80 characters (the whole text on hover). */
function LongText({ text }: { text: string }) {
  const short = text.length > 80 ? `${text.slice(0, 78)}…` : text;
  return (
    <Tooltip title={short === text ? undefined : text}>
      <OriginalText text={short} tag={false} />
    </Tooltip>
  );
}

function Value({ v, entity, field, lookups }: { v: unknown; entity: string; field: string; lookups: AuditLookups }) {
  return <ShownValue shown={describeAuditValue(lookups, entity, field, v)} />;
}

/** "field: old → new" lines, the first `max` of them, then how many more. */
export function ChangeList({ entry, max = Number.POSITIVE_INFINITY }: { entry: AuditEntry; max?: number }) {
  const { t, i18n } = useTranslation();
  const fieldLabel = useAuditFieldLabel();
  const lookups = useAuditLookups([entry.oldValues, entry.newValues]);
  if (entry.kind === 'auth') return null;
  const changes = changesOf(entry).filter((c) => c.field !== 'sha256');
  const colon = i18n.language === 'en-US' ? ': ' : '：';
  if (changes.length === 0)
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('audit.noFieldChanges')}
      </Typography.Text>
    );
  const shown = changes.slice(0, max);
  return (
    <div className="audit-changes" data-testid="audit-changes">
      {shown.map((c) => (
        <div key={c.field} className="audit-change">
          <Tooltip title={c.field}>
            <span className="audit-field" data-testid={`audit-field-${c.field}`}>
              {fieldLabel(entry.entity, c.field)}
              {colon}
            </span>
          </Tooltip>
          {entry.action === 'update' && (
            <>
              <span className="audit-old">
                <Value v={c.before} entity={entry.entity} field={c.field} lookups={lookups} />
              </span>{' '}
              <ArrowRightOutlined style={{ fontSize: 10, color: '#8c8c8c' }} />{' '}
            </>
          )}
          <span className={entry.action === 'delete' ? 'audit-old' : 'audit-new'}>
            <Value
              v={entry.action === 'delete' ? c.before : c.after}
              entity={entry.entity}
              field={c.field}
              lookups={lookups}
            />
          </span>
        </div>
      ))}
      {changes.length > shown.length && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('audit.moreFields', { count: changes.length - shown.length })}
        </Typography.Text>
      )}
    </div>
  );
}

/** How a change came in: the web or the API, an import (with its number), the command line, the system. */
export function ViaTag({ via }: { via: string | null }) {
  const { t, i18n } = useTranslation();
  if (!via) return null;
  const text = viaText(
    { t: (k) => String(t(k as 'audit.title')), exists: (k) => i18n.exists(k), language: i18n.language },
    via,
  );
  return (
    <Tooltip title={via}>
      <Tag bordered={false}>{text}</Tag>
    </Tooltip>
  );
}
