/** Pieces of the audit log shared by the audit page and the per-record history: actions, entities, old → new. */
import { ArrowRightOutlined } from '@ant-design/icons';
import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AuditEntry } from '../../client/auth';
import { changesOf, isEmpty } from './changes';

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
    i18n.exists(`audit.entity.${entity}`)
      ? t(`audit.entity.${entity}` as 'audit.entity.parks')
      : t('audit.entity.other');
}

/** The record pages' messages, where a registry entity's field labels live. */
const ENTITY_NS: Record<string, string> = {
  parks: 'park',
  buildings: 'building',
  enterprises: 'enterprise',
  projects: 'invest',
  project_follow_ups: 'invest',
  supervision_orders: 'invest',
  event_outcomes: 'invest',
};
const camel = (f: string) => f.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** A changed field's label in the UI language: the audit's own, the entity page's, the forms'. */
export function useAuditFieldLabel() {
  const { t, i18n } = useTranslation();
  return (entity: string, field: string) => {
    const f = camel(field);
    const keys = [`audit.field.${f}`, `${ENTITY_NS[entity] ?? entity}.${f}`, `form.${f}`, `common.${f}`];
    const key = keys.find((x) => i18n.exists(x) && typeof t(x as 'audit.title') === 'string');
    return key ? t(key as 'audit.title') : t('audit.field.other');
  };
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

function Value({ v }: { v: unknown }) {
  const { t } = useTranslation();
  if (isEmpty(v))
    return (
      <Typography.Text type="secondary" italic>
        {t('audit.empty')}
      </Typography.Text>
    );
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  const short = s.length > 80 ? `${s.slice(0, 78)}…` : s;
  return (
    <Tooltip title={short === s ? undefined : s}>
      <span className="audit-value">{short}</span>
    </Tooltip>
  );
}

/** "field: old → new" lines, the first `max` of them, then how many more. */
export function ChangeList({ entry, max = Number.POSITIVE_INFINITY }: { entry: AuditEntry; max?: number }) {
  const { t, i18n } = useTranslation();
  const fieldLabel = useAuditFieldLabel();
  if (entry.kind === 'auth') return null;
  const changes = changesOf(entry);
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
                <Value v={c.before} />
              </span>{' '}
              <ArrowRightOutlined style={{ fontSize: 10, color: '#8c8c8c' }} />{' '}
            </>
          )}
          <span className={entry.action === 'delete' ? 'audit-old' : 'audit-new'}>
            <Value v={entry.action === 'delete' ? c.before : c.after} />
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
  const [kind = via, ref] = via.split(':');
  const name = i18n.exists(`audit.via.${kind}`) ? t(`audit.via.${kind}` as 'audit.via.api') : kind;
  return <Tag bordered={false}>{ref ? `${name} #${ref}` : name}</Tag>;
}
