/**
 * The one presenter of confidential values on the way out. Every response that can carry a
 * confidential value passes here for callers who may not see it:
 *   - records of a resource: its declared confidential fields (registry.ts `redact`);
 *   - analyses (chain health, targets, matrix, suppliers, their Excel and print data, stored leads):
 *     money keys anywhere, and explanations whose value or sentence states a confidential figure;
 *   - a project's timeline: the before / after of its confidential fields.
 * What is confidential is declared in the contracts (CONFIDENTIAL_FIELDS, PROJECT_CONFIDENTIAL_FIELDS,
 * CONFIDENTIAL_FIGURE_KEYS, CONFIDENTIAL_REASON_CODES), never here.
 */
import { CONFIDENTIAL_FIGURE_KEYS, CONFIDENTIAL_REASON_CODES } from '../../../contracts/auth.js';
import { PROJECT_CONFIDENTIAL_FIELDS } from '../../../contracts/invest.js';

export { redact } from './registry.js';

const FIGURES: ReadonlySet<string> = new Set(CONFIDENTIAL_FIGURE_KEYS);
type Json = Record<string, unknown>;

/** An explanation object of the chain engine: a code and its sentence in both languages. */
const isReason = (v: Json): v is Json & { code: string } =>
  typeof v.code === 'string' && typeof v.zh === 'string' && typeof v.en === 'string';

/**
 * Removes firms' confidential figures from any analysis value: money keys become null, and a
 * confidential explanation keeps its code and references but loses its value, threshold and
 * sentence (replaced by words that state no figure). Rates and counts stay.
 */
export function redactFigures<T>(value: T): T {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    const o = v as Json;
    if (isReason(o) && o.code in CONFIDENTIAL_REASON_CODES) {
      const words = CONFIDENTIAL_REASON_CODES[o.code]!;
      const { value: _v, threshold: _t, ...rest } = o;
      return { ...rest, zh: words.zh, en: words.en, redacted: true };
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, FIGURES.has(k) ? null : walk(x)]));
  };
  return walk(value) as T;
}

/** The marker a timeline shows for a value withheld (the web renders it as it is). */
export const WITHHELD = '…';
const PROJECT_SECRETS: ReadonlySet<string> = new Set(PROJECT_CONFIDENTIAL_FIELDS);

/** A project's timeline entry behind its code name: confidential fields changed, values withheld. */
export function redactTimelineEntry<T extends { changes?: unknown }>(entry: T): T {
  const changes = entry.changes;
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return entry;
  const out = Object.fromEntries(
    Object.entries(changes as Json).map(([k, v]) => [k, PROJECT_SECRETS.has(k) ? [WITHHELD, WITHHELD] : v]),
  );
  return { ...entry, changes: out };
}
