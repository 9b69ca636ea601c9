/**
 * What one timeline entry of a project says, in words: a stage move, a labelled diff of the fields a change
 * touched ("投资额（万元）：1,200 → 1,500"), an event outcome, a document or contact — never its raw record.
 */
import { ArrowRightOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fmtNumber } from '../../app/format';
import { useLabels } from '../../app/labels';
import { auditFieldLabel, type Translator } from '../admin/values';
import type { TimelineEntry } from './api';
import { k } from './shared';

/** The message key naming a field of the project form, where it differs from the field itself. */
const FIELD_KEY: Record<string, string> = {
  teamIds: 'team',
  ownerId: 'owner',
  parkId: 'park',
  chainCode: 'chainCode',
  investorEnterpriseId: 'investorEnterprise',
  sourceEventId: 'sourceEvent',
  referrerEnterpriseId: 'referrer',
};

/** Fields holding a record's id, and the page that shows it. */
const ID_PAGES: Record<string, string> = {
  investorEnterpriseId: '/enterprises',
  referrerEnterpriseId: '/enterprises',
  parkId: '/parks',
  sourceEventId: '/events',
};

/**
 * The label of a changed field in the UI language: the project form's, else the audit log's for a project
 * (admin/values.ts: this feature's audit.field, then the shared list) — never the field's code.
 */
export function timelineFieldLabel(tr: Translator, field: string): string {
  const key = `invest.${FIELD_KEY[field] ?? field}`;
  return tr.exists(key) ? tr.t(key) : auditFieldLabel(tr, 'projects', field);
}

export function useFieldLabel() {
  const { t, i18n } = useTranslation();
  return (field: string) =>
    timelineFieldLabel(
      { t: (x, o) => String(t(x as 'invest.tlEmpty', o)), exists: (x) => i18n.exists(x), language: i18n.language },
      field,
    );
}

function useValueText(nodeName: (id: string) => string | undefined) {
  const { t, i18n } = useTranslation();
  const { label } = useLabels();
  const lang = i18n.language;
  return (field: string, v: unknown): ReactNode => {
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) {
      return (
        <Typography.Text type="secondary" italic>
          {t('invest.tlEmpty')}
        </Typography.Text>
      );
    }
    if (v === '…') return '…'; // withheld behind the code name
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (field === 'sourceKind') return t(k(`invest.source_${v}`));
    if (field === 'originRegion') return t(k(`invest.region_${v}`));
    if (field === 'agreementKind') return t(k(`invest.agreement_${v}`));
    if (field === 'stage') return t(k(`invest.stage_${v}`));
    if (field === 'chainCode') return label('chain', String(v));
    if (field === 'nodeId') return nodeName(String(v)) ?? t('invest.tlOtherNode');
    const page = ID_PAGES[field];
    if (page && typeof v === 'number') return <Link to={`${page}/${v}`}>#{v}</Link>;
    if (Array.isArray(v)) return v.map((x) => (typeof x === 'number' ? `#${x}` : String(x))).join('、');
    if (typeof v === 'number') return field.endsWith('Id') ? `#${v}` : fmtNumber(v, 2, lang);
    return String(v);
  };
}

/** "字段：旧值 → 新值", one line a field. */
function FieldDiff({
  changes,
  nodeName,
}: {
  changes: Record<string, unknown>;
  nodeName: (id: string) => string | undefined;
}) {
  const fieldLabel = useFieldLabel();
  const value = useValueText(nodeName);
  const { i18n } = useTranslation();
  const colon = i18n.language === 'en-US' ? ': ' : '：';
  return (
    <div data-testid="timeline-diff">
      {Object.entries(changes).map(([f, v]) => {
        const [a, b] = Array.isArray(v) && v.length === 2 ? (v as [unknown, unknown]) : [null, v];
        return (
          <div key={f} data-testid={`timeline-diff-${f}`}>
            <span>
              {fieldLabel(f)}
              {colon}
            </span>
            {value(f, a)} <ArrowRightOutlined style={{ fontSize: 10, color: '#8c8c8c' }} /> {value(f, b)}
          </div>
        );
      })}
    </div>
  );
}

export function TimelineText({ e, nodeName }: { e: TimelineEntry; nodeName: (id: string) => string | undefined }) {
  const { t } = useTranslation();
  if (e.kind === 'stage') {
    return (
      <span>
        {e.fromStage ? t(k(`invest.stage_${e.fromStage}`)) : '—'} → <strong>{t(k(`invest.stage_${e.toStage}`))}</strong>
        {e.note && <Typography.Text type="secondary"> · {e.note}</Typography.Text>}
      </span>
    );
  }
  if (e.kind === 'fields' && e.changes) return <FieldDiff changes={e.changes} nodeName={nodeName} />;
  if ((e.kind === 'document' || e.kind === 'contact') && e.changes) {
    const c = e.changes as { name?: string; file?: string; removed?: number; added?: boolean };
    const what = c.removed ? t('invest.tlRemoved') : (c.name ?? t('invest.tlAdded'));
    return <span>{c.file && c.file !== c.name ? `${what} · ${c.file}` : what}</span>;
  }
  if (e.kind === 'outcome' && e.changes) {
    const c = e.changes as {
      kind?: string;
      event?: string;
      onDate?: string | null;
      eventId?: number;
      removed?: boolean;
    };
    return (
      <span data-testid="timeline-outcome">
        {c.kind ? t(k(`invest.outcome_${c.kind}`)) : null}
        {c.removed && ` · ${t('invest.tlRemoved')}`}
        {c.event && (
          <>
            {' · '}
            {c.eventId ? <Link to={`/events/${c.eventId}`}>{c.event}</Link> : c.event}
          </>
        )}
        {c.onDate && ` · ${c.onDate}`}
      </span>
    );
  }
  if (e.kind === 'order' && e.changes) {
    const c = e.changes as { action?: string; dueOn?: string };
    return (
      <span>
        {c.action ? t(k(`invest.tlOrder_${c.action}`)) : null}
        {c.dueOn && ` · ${t('invest.dueOn')} ${c.dueOn}`}
        {e.note && <Typography.Text type="secondary"> · {e.note}</Typography.Text>}
      </span>
    );
  }
  // Other kinds carry their words in the note; a record without one shows only its tag.
  return e.note ? <span>{e.note}</span> : null;
}
