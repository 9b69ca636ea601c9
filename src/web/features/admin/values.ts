/**
 * How a value stored in the audit log reads (pure, no React, so it is unit-tested): a code through the label
 * its feature shows, a chain segment by its name, a date in Beijing time, a figure with its grouping, a list
 * or a record (a mapping's evidence, an order's lock) as labelled fields, and text a user entered as it was
 * entered (shown as original text). A code nobody labels stays a code, so the string walk finds it.
 */
import { ROLE_LABELS } from '../../../contracts/auth';
import { ENUM_LABELS, type EnumGroup } from '../../../contracts/labels';
import { fmtDateTime } from '../../app/format';
import { featuresZh } from '../../app/i18n/feature-messages';

/** What a value's label needs of i18next (a `t` and `exists`), so the lookup runs without React. */
export interface Translator {
  t: (key: string, options?: Record<string, unknown>) => string;
  exists: (key: string) => boolean;
  language: string;
}

/** Names the log itself does not hold: chain segments, honours, service categories (looked up by the page). */
export interface AuditLookups extends Translator {
  nodeName?: ((id: string) => string | undefined) | undefined;
  tierName?: ((code: string) => string | undefined) | undefined;
  categoryName?: ((code: string) => string | undefined) | undefined;
  /** A policy's condition in words (services/conditionText.ts). */
  condition?: ((c: { field: string; op: string; value: unknown }) => string) | undefined;
}

/** A value as shown: a label, data text (with a UI suffix), a code without label, a list, or labelled fields. */
export type Shown =
  | { kind: 'empty' }
  | { kind: 'label'; text: string; code?: string }
  | { kind: 'text'; text: string; suffix?: string; ident?: boolean }
  | { kind: 'code'; text: string }
  | { kind: 'list'; items: Shown[] }
  | { kind: 'fields'; items: { key: string; label: string; value: Shown }[] };

export const camel = (f: string) => f.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

export const isEmptyValue = (v: unknown) =>
  v === null || v === undefined || (Array.isArray(v) && v.length === 0) || v === '';

/** The record pages' messages, where a registry entity's field labels live. */
export const ENTITY_NS: Record<string, string> = {
  parks: 'park',
  buildings: 'building',
  enterprises: 'enterprise',
  projects: 'invest',
  project_follow_ups: 'invest',
  supervision_orders: 'invest',
  event_outcomes: 'invest',
};

/**
 * Which feature owns an audited entity: the one whose messages.ts lists it under `audit.entity` (its
 * labels of the entity and of its fields live there, under `<ns>.audit.entity` / `<ns>.audit.field`).
 * Read from the bundles, so a new module's feature declares its entities and edits nothing here.
 */
const ENTITY_OWNER: ReadonlyMap<string, string> = new Map(
  Object.entries(featuresZh as unknown as Record<string, { audit?: { entity?: Record<string, string> } }>).flatMap(
    ([ns, m]) => Object.keys(m.audit?.entity ?? {}).map((e) => [e, ns] as const),
  ),
);

/** The feature namespace that owns an entity's words, if a feature does (the registry's are shared). */
export const entityOwner = (entity: string): string | undefined => ENTITY_OWNER.get(entity);

/** The messages namespace of an entity's feature, where its value labels live as `<field>_<code>`. */
function entityNs(entity: string): string {
  if (ENTITY_NS[entity]) return ENTITY_NS[entity];
  return ENTITY_OWNER.get(entity) ?? entity;
}

const isString = (i18n: Translator, key: string) => i18n.exists(key) && typeof i18n.t(key) === 'string';

/** An audited entity's name in the UI language: its feature's label, else the shared one, else 其他记录. */
export function auditEntityLabel(i18n: Translator, entity: string): string {
  const owner = ENTITY_OWNER.get(entity);
  const keys = [...(owner ? [`${owner}.audit.entity.${entity}`] : []), `audit.entity.${entity}`];
  const key = keys.find((x) => isString(i18n, x));
  return i18n.t(key ?? 'audit.entity.other');
}

/**
 * A changed field's label in the UI language: the owning feature's audit label, the shared audit label
 * (fields many modules write: name, status …), the entity page's, the forms'.
 */
export function auditFieldLabel(i18n: Translator, entity: string, field: string): string {
  const f = camel(field);
  const owner = ENTITY_OWNER.get(entity);
  const keys = [
    ...(owner ? [`${owner}.audit.field.${f}`] : []),
    `audit.field.${f}`,
    `${ENTITY_NS[entity] ?? entity}.${f}`,
    `form.${f}`,
    `common.${f}`,
  ];
  const key = keys.find((x) => isString(i18n, x));
  return key ? i18n.t(key) : i18n.t('audit.field.other');
}

/** A field whose values are codes of a closed vocabulary of contracts/labels.ts, per entity ('*': any entity). */
const FIELD_ENUMS: Record<string, Record<string, EnumGroup>> = {
  kind: { parks: 'parkKind', institutions: 'institutionKind' },
  level: { parks: 'parkLevel', enterprise_honours: 'honourLevel' },
  status: { parks: 'parkStatus', units: 'unitStatus', sources: 'sourceStatus', space_listings: 'unitStatus' },
  type: { buildings: 'buildingType' },
  scale: { '*': 'scale' },
  lifecycle: { '*': 'lifecycle' },
  chain: { '*': 'chain' },
  chainCode: { '*': 'chain' },
  chainStage: { '*': 'chainStage' },
  stage: { chain_nodes: 'chainStage' },
  code: { chain_templates: 'chain' },
};

/** Where a feature keeps the labels of a field under another name: `<entity>.<field>` → the key's prefix. */
const ALIASES: Record<string, string> = {
  'cockpit_update_requests.status': 'cockpit.state_',
  'cockpit_update_requests.closedAs': 'audit.value.status.',
  'conference_runs.method': 'conference.method_',
  'consolidation_orders.cargoClass': 'consolidation.class_',
  'docking_matches.customerDecision': 'docking.decision_',
  'docking_matches.supplierDecision': 'docking.decision_',
  'event_outcomes.kind': 'invest.outcome_',
  'events.kind': 'invest.ek_',
  'lifecycle_transitions.stage': 'evaluation.stage_',
  'project_follow_ups.kind': 'invest.fu_',
  'projects.agreementKind': 'invest.agreement_',
  'projects.sourceKind': 'invest.source_',
  'renewal_projects.mode': 'evaluation.mode_',
  'service_tickets.level': 'services.lv_',
  'service_tickets.visitFlag': 'services.flag_',
  'service_visits.flags': 'services.flag_',
  'service_ticket_messages.kind': 'services.',
};

/** Fields whose values name a chain segment (node ids such as oe.disp_mod). */
const NODE_FIELDS = new Set(['nodeId', 'nodeIds', 'node', 'nodes', 'parentId', 'gapNodeId']);

const CODE = /^[a-z][a-z0-9_]*$/;
const DOTTED = /^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * A code as a reader reads it: a flag as 是 / 否, a code through the label its feature shows (the closed
 * vocabularies of contracts/labels.ts, then the feature's `<field>_<code>` message or its
 * `<feature>.audit.value.<field>.<code>`, then the log's shared `audit.value.<field>.<code>`); undefined when it is no code (a name, a figure) or has no label.
 */
export function auditValueText(i18n: Translator, entity: string, field: string, v: unknown): string | undefined {
  if (typeof v === 'boolean') return i18n.t(v ? 'common.yes' : 'common.no');
  if (typeof v !== 'string' || !CODE.test(v)) return undefined;
  const f = camel(field);
  const en = i18n.language === 'en-US';
  const groups = FIELD_ENUMS[f];
  const group = groups?.[entity] ?? groups?.['*'];
  const label = group ? (ENUM_LABELS[group] as Record<string, { zh: string; en: string }>)[v] : undefined;
  if (label) return label[en ? 'en' : 'zh'];
  if (f === 'role' && v in ROLE_LABELS) return ROLE_LABELS[v as keyof typeof ROLE_LABELS][en ? 'en' : 'zh'];
  const ns = entityNs(entity);
  const owner = ENTITY_OWNER.get(entity);
  const alias = ALIASES[`${entity}.${f}`];
  // The entity's feature's own label first (its messages, then its `audit.value`); the log's shared one
  // (audit.value: statuses and other words several features' entities write) for a code no feature names.
  const keys = [
    ...(alias ? [`${alias}${v}`] : []),
    `${ns}.${f}_${v}`,
    `${ns}.${f}.${v}`,
    `${ns}.${field}_${v}`,
    ...(owner ? [`${owner}.audit.value.${f}.${v}`] : []),
    `audit.value.${entity}.${f}.${v}`,
    `audit.value.${f}.${v}`,
  ];
  const key = keys.find((x) => isString(i18n, x));
  return key ? i18n.t(key) : undefined;
}

/** Where a mapping's evidence found its word: `靶材 ⊂ 溅射靶材 (products)`, `3985 in division 39 (node classes …)`. */
function evidenceDetail(i18n: Translator, detail: string): Shown {
  const where = /^(.*) \((products|description)\)$/.exec(detail);
  if (where)
    return {
      kind: 'text',
      text: where[1] ?? '',
      suffix: i18n.t(where[2] === 'products' ? 'chainAdmin.inProducts' : 'chainAdmin.inDescription'),
    };
  const division = /^(.*) in division (\d+) \(node classes (.*)\)$/.exec(detail);
  if (division)
    return {
      kind: 'label',
      text: `${division[1]} ${i18n.t('chainAdmin.inDivision', { division: division[2], classes: division[3] })}`,
    };
  return { kind: 'label', text: detail };
}

const percent = (i18n: Translator, ratio: number) =>
  new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);

/** A figure with its grouping; ids and years as they are. */
function numberText(i18n: Translator, field: string, v: number): string {
  const f = camel(field);
  if (/(^id$|Id$|^year$|^version$|No$)/.test(f)) return String(v);
  if ((f === 'weight' || f === 'confidence') && v >= 0 && v <= 1) return percent(i18n, v);
  return new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 4 }).format(v);
}

/** Fields holding what a user typed (a unit, a name), never a code even when it looks like one (kg). */
const TEXT_FIELDS = new Set([
  'name',
  'title',
  'body',
  'note',
  'notes',
  'unit',
  'spec',
  'goods',
  'fileName',
  'file',
  'username',
  'displayName',
  'destination',
  'operator',
  'label',
  'description',
  'contactName',
  'terms',
  'slotId',
  'tableId',
  'codeName',
]);

/** Fields holding a record's code as entered (an identifier, in no language). */
const IDENT_FIELDS = new Set(['code', 'codeName', 'slotId', 'tableId', 'scopeCode']);

/** Fields that name nothing a reader needs (a posting's search terms inside a record, a file's checksum). */
export const HIDDEN = new Set(['terms', 'sha256']);

/** A conference slot's id: its session's key and its start (am-09:00). */
const SLOT_ID = /^([a-z0-9][a-z0-9-]*)-(\d{2}:\d{2})$/;

/** A conference session by its words (上午场), else 场次 <key>: the log holds the key only. */
function sessionWords(l: Translator, key: string): string {
  const k = `conference.audit.session.${key}`;
  return isString(l, k) ? l.t(k) : l.t('conference.audit.sessionKey', { key });
}

/**
 * A conference's time and place as a reader reads them: a slot as its session and start (上午场 09:00),
 * an availability window's session by name, a table T3 as 3 号桌 — never the ids the schedule keeps.
 */
function conferenceTime(l: Translator, f: string, s: string): string | undefined {
  const slot = SLOT_ID.exec(s);
  if ((f === 'slotId' || f === 'publishedSlotId' || f === 'slot') && slot)
    return `${sessionWords(l, slot[1] ?? '')} ${slot[2]}`;
  if (f === 'session' && CODE.test(s)) return sessionWords(l, s);
  const table = /^T(\d+)$/.exec(s);
  if ((f === 'tableId' || f === 'publishedTableId' || f === 'table') && table)
    return l.t('conference.tableLabel', { no: table[1] });
  return undefined;
}

/** A stored value as a reader reads it (see the file's comment). `parent` names the field a record sits in. */
export function describeAuditValue(l: AuditLookups, entity: string, field: string, v: unknown, parent?: string): Shown {
  if (isEmptyValue(v)) return { kind: 'empty' };
  const f = camel(field);
  if (typeof v === 'number') return { kind: 'label', text: numberText(l, field, v) };
  if (typeof v === 'boolean') return { kind: 'label', text: l.t(v ? 'common.yes' : 'common.no') };
  // a policy's conditions as the policy page words them
  if (f === 'conditions' && Array.isArray(v) && l.condition) {
    const words = l.condition;
    return {
      kind: 'list',
      items: v.map((c) =>
        c && typeof c === 'object' && 'field' in c && 'op' in c
          ? { kind: 'label', text: words(c as { field: string; op: string; value: unknown }) }
          : describeAuditValue(l, entity, field, c, parent),
      ),
    };
  }
  if (Array.isArray(v)) return { kind: 'list', items: v.map((x) => describeAuditValue(l, entity, field, x, parent)) };
  if (typeof v === 'object') {
    const items = Object.entries(v as Record<string, unknown>)
      .filter(([k, x]) => !HIDDEN.has(k) && !isEmptyValue(x))
      .map(([k, x]) => ({
        key: k,
        label: auditFieldLabel(l, entity, k),
        value: describeAuditValue(l, entity, k, x, f),
      }));
    return { kind: 'fields', items };
  }
  const s = String(v);
  // a mapping's evidence: its kind as the review page names it, the matched word with where it was found
  if (parent === 'evidence' && f === 'kind' && isString(l, `chainAdmin.ev_${s}`))
    return { kind: 'label', text: l.t(`chainAdmin.ev_${s}`), code: s };
  if (parent === 'evidence' && f === 'detail') return evidenceDetail(l, s);
  if (f === 'tierCode') {
    const name = l.tierName?.(s);
    if (name) return { kind: 'label', text: name, code: s };
  }
  if (f === 'categoryCode') {
    const name = l.categoryName?.(s);
    if (name) return { kind: 'label', text: name, code: s };
  }
  if (NODE_FIELDS.has(f) || DOTTED.test(s)) {
    const name = l.nodeName?.(s);
    if (name) return { kind: 'label', text: name, code: s };
  }
  if (entity.startsWith('conference_')) {
    const shown = conferenceTime(l, f, s);
    if (shown) return { kind: 'label', text: shown, code: s };
  }
  if (TEXT_FIELDS.has(f)) return { kind: 'text', text: s };
  // a scope as kind:id (enterprise:20) by the kind's label and the record's number
  const scoped = /^([a-z_]+):(\d+)$/.exec(s);
  if (f === 'scope' && scoped) {
    const kind = auditValueText(l, entity, 'scope', scoped[1]);
    if (kind) return { kind: 'label', text: `${kind} #${scoped[2]}`, code: s };
  }
  // codes with dots (cockpit.little_giants) are looked up with the dots as underscores
  const label = auditValueText(l, entity, field, DOTTED.test(s) ? s.replace(/\./g, '_') : s);
  if (label !== undefined) return { kind: 'label', text: label, code: s };
  if (ISO_TIME.test(s)) return { kind: 'label', text: fmtDateTime(s, l.language) };
  // a record's own code as its owner typed it (a policy's demo-rnd-subsidy, an order's HO-002): no words at all
  if (IDENT_FIELDS.has(f)) return { kind: 'text', text: s, ident: true };
  if (CODE.test(s) || DOTTED.test(s)) return { kind: 'code', text: s };
  return { kind: 'text', text: s };
}

/** The chains whose segments a value names (node ids start with their chain's code), to look their names up. */
export function chainCodesIn(v: unknown, out = new Set<string>()): Set<string> {
  if (typeof v === 'string' && DOTTED.test(v)) out.add(v.split('.')[0] ?? '');
  else if (Array.isArray(v)) for (const x of v) chainCodesIn(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) chainCodesIn(x, out);
  return out;
}

/** How a change came in, in words: the web or the API, an import with its number (import:12), a bulk decision (api:bulk). */
export function viaText(i18n: Translator, via: string): string {
  const [kind = via, ref] = via.split(':');
  const name = isString(i18n, `audit.via.${kind}`) ? i18n.t(`audit.via.${kind}`) : kind;
  if (!ref) return name;
  if (/^\d+$/.test(ref)) return `${name} #${ref}`;
  return isString(i18n, `audit.via.${ref}`) ? `${name} · ${i18n.t(`audit.via.${ref}`)}` : `${name} · ${ref}`;
}
