/** Small helpers for parameterised SQL: a query builder that numbers placeholders as it goes. */
export class Sql {
  readonly params: unknown[] = [];
  /** Adds a parameter and returns its placeholder ($n). */
  p(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}

export const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Converts a database row to an API object: camelCase keys, timestamps as ISO strings. */
export function present<T>(row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[camel(k)] = v instanceof Date ? v.toISOString() : v;
  return out as T;
}

/** Escapes LIKE wildcards in user text. */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
