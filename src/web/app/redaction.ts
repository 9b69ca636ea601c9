/** The confidential fields the server withheld from a row (its `redacted` list). */
export function redactedOf(row: object | undefined): readonly string[] {
  const r = row && 'redacted' in row ? row.redacted : undefined;
  return Array.isArray(r) ? r.filter((x): x is string => typeof x === 'string') : [];
}

/** Whether the server withheld this field of this row. */
export const isRedacted = (row: object | undefined, field: string) => redactedOf(row).includes(field);
