/** Which fields an audited change touched, from its old and new values. */
import type { AuditEntry } from '../../client/auth';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields a change touched: every field that differs; on create the ones set, on delete the ones held. */
export function changesOf(e: Pick<AuditEntry, 'oldValues' | 'newValues'>): FieldChange[] {
  const before = e.oldValues ?? {};
  const after = e.newValues ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .map((field) => ({ field, before: before[field], after: after[field] }))
    .filter((c) => !same(c.before, c.after))
    .filter((c) => !(isEmpty(c.before) && isEmpty(c.after)));
}

export const isEmpty = (v: unknown) =>
  v === null || v === undefined || (Array.isArray(v) && v.length === 0) || v === '';
