/** Pieces of the audit log shared by the audit page and the per-record history: actions, entities, old → new. */
import { ArrowRightOutlined } from '@ant-design/icons';
import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ENUM_LABELS, type EnumGroup } from '../../../contracts/labels';
import { useLabels } from '../../app/labels';
import type { AuditEntry } from '../../client/auth';
import { useTiers } from '../../client/queries';
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

/** A field whose values are codes of a closed vocabulary of contracts/labels.ts, per entity ('*': any entity). */
const FIELD_ENUMS: Record<string, Record<string, EnumGroup>> = {
  kind: { parks: 'parkKind', institutions: 'institutionKind' },
  level: { parks: 'parkLevel' },
  status: { parks: 'parkStatus', units: 'unitStatus', sources: 'sourceStatus' },
  type: { buildings: 'buildingType' },
  scale: { '*': 'scale' },
  lifecycle: { '*': 'lifecycle' },
  chain: { '*': 'chain' },
  chainCode: { '*': 'chain' },
  chainStage: { '*': 'chainStage' },
};

/** The messages namespace of an entity's feature, where its value labels live as `<field>_<code>`. */
function entityNs(entity: string): string {
  if (ENTITY_NS[entity]) return ENTITY_NS[entity];
  if (entity.startsWith('conference_')) return 'conference';
  if (entity.startsWith('project_')) return 'invest';
  return entity;
}

/** What a value's label needs of i18next (a `t` and `exists`), so the lookup runs without React. */
interface Translator {
  t: (key: string) => string;
  exists: (key: string) => boolean;
  language: string;
}

/**
 * A stored value as a reader reads it: a flag as 是 / 否, a code through the label its feature shows
 * (the closed vocabularies of contracts/labels.ts, then the feature's `<field>_<code>` message);
 * undefined when it is no code (a name, a figure) or has no label, and is shown as stored.
 */
export function auditValueText(i18n: Translator, entity: string, field: string, v: unknown): string | undefined {
  if (typeof v === 'boolean') return i18n.t(v ? 'common.yes' : 'common.no');
  if (typeof v !== 'string' || !/^[a-z][a-z0-9_]*$/.test(v)) return undefined;
  const f = camel(field);
  const groups = FIELD_ENUMS[f];
  const group = groups?.[entity] ?? groups?.['*'];
  const label = group ? (ENUM_LABELS[group] as Record<string, { zh: string; en: string }>)[v] : undefined;
  if (label) return label[i18n.language === 'en-US' ? 'en' : 'zh'];
  const ns = entityNs(entity);
  // The entity's feature's own label first; the log's generic one (audit.value) for a status no feature names.
  const keys = [`${ns}.${f}_${v}`, `${ns}.${f}.${v}`, `${ns}.${field}_${v}`, `audit.value.${f}.${v}`];
  const key = keys.find((x) => i18n.exists(x) && typeof i18n.t(x) === 'string');
  return key ? i18n.t(key) : undefined;
}

export function useAuditValueText() {
  const { i18n } = useTranslation();
  const { tierName } = useLabels();
  const tiers = useTiers();
  const tierBy = new Map((tiers.data?.items ?? []).map((x) => [x.code, x]));
  return (entity: string, field: string, v: unknown) =>
    // an honour or tier by its name (the registry's tiers, as the tier page names them)
    (camel(field) === 'tierCode' && typeof v === 'string' && tierBy.has(v) ? tierName(tierBy.get(v), v) : undefined) ??
    auditValueText(
      { t: (k) => i18n.t(k as 'audit.title'), exists: (k) => i18n.exists(k), language: i18n.language },
      entity,
      field,
      v,
    );
}

function Value({ v, entity, field }: { v: unknown; entity: string; field: string }) {
  const { t } = useTranslation();
  const valueText = useAuditValueText();
  if (isEmpty(v))
    return (
      <Typography.Text type="secondary" italic>
        {t('audit.empty')}
      </Typography.Text>
    );
  const label = valueText(entity, field, v);
  if (label !== undefined)
    return (
      <Tooltip title={typeof v === 'string' ? v : undefined}>
        <span className="audit-value">{label}</span>
      </Tooltip>
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
                <Value v={c.before} entity={entry.entity} field={c.field} />
              </span>{' '}
              <ArrowRightOutlined style={{ fontSize: 10, color: '#8c8c8c' }} />{' '}
            </>
          )}
          <span className={entry.action === 'delete' ? 'audit-old' : 'audit-new'}>
            <Value v={entry.action === 'delete' ? c.before : c.after} entity={entry.entity} field={c.field} />
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
