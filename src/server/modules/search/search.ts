/** The search use case: one box across parks, buildings, enterprises and institutions. */
import type { Db } from '../../../db/connect.js';
import { compareMatches, fuzzyMatch, type Match, matchRecord, normalizeQuery } from '../../../domain/search/index.js';
import type { Sql } from '../../lib/sql.js';
import { readScope } from '../../platform/policy/index.js';
import type { Actor } from '../auth/actor.js';
import { ensureSearchKeys } from './backfill.js';
import { type CandidateRow, directCandidates, fuzzyApplies, fuzzyCandidates, subtitles } from './repository.js';
import type { TSearchResult } from './schemas.js';
import { SEARCH_TYPES, type SearchType, sourceOf } from './sources.js';

export interface SearchInput {
  q: string;
  types?: readonly SearchType[] | undefined;
  limit?: number | undefined;
}

interface Scored {
  type: SearchType;
  row: CandidateRow;
  match: Match;
}

const RESOURCE_OF: Record<SearchType, string> = {
  park: 'parks',
  building: 'buildings',
  enterprise: 'enterprises',
  institution: 'institutions',
};

const TYPE_ORDER: Record<SearchType, number> = { park: 0, institution: 1, building: 2, enterprise: 3 };

const byRank = (a: Scored, b: Scored) =>
  compareMatches(a.match, b.match) || TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || a.row.id - b.row.id;

/**
 * Finds the best `limit` hits: direct matches (exact, prefix, substring on names, pinyin, initials,
 * aliases, codes, products) and, when they are too few, typo-tolerant ones.
 */
export async function search(
  { q, types = SEARCH_TYPES, limit = 20 }: SearchInput,
  ctx: { db: Db; actor?: Actor | undefined },
) {
  const { db, actor } = ctx;
  // Zone roles search only their slice (the same SQL scope as the lists); names are public fields.
  const scopeOf = (type: SearchType) => (actor ? (s: Sql) => readScope(actor, RESOURCE_OF[type], s) : undefined);
  const query = normalizeQuery(q);
  const out: TSearchResult = { query: q, normalized: query.text, items: [] };
  if (!query.text) return out;
  await ensureSearchKeys(db);

  const found = new Map<string, Scored>();
  const consider = (type: SearchType, rows: CandidateRow[], how: typeof matchRecord) => {
    for (const row of rows) {
      const key = `${type}:${row.id}`;
      if (found.has(key)) continue;
      const match = how(query, sourceOf(type, row));
      if (match) found.set(key, { type, row, match });
    }
  };
  const direct = await Promise.all(types.map((t) => directCandidates(db, t, query, limit, scopeOf(t))));
  for (const [i, t] of types.entries()) consider(t, direct[i] ?? [], matchRecord);
  // Typos only when direct matches leave room; the looser stage only when the precise one found none.
  for (const stage of ['transpositions', 'pieces'] as const) {
    const before = found.size;
    if (before >= limit || !fuzzyApplies(query)) break;
    const fuzzy = await Promise.all(types.map((t) => fuzzyCandidates(db, t, query, limit, stage, scopeOf(t))));
    for (const [i, t] of types.entries()) consider(t, fuzzy[i] ?? [], fuzzyMatch);
    if (found.size > before) break;
  }

  const top = [...found.values()].sort(byRank).slice(0, limit);
  const subs = new Map<SearchType, Map<number, string | null>>();
  await Promise.all(
    types.map(async (t) => {
      const ids = top.filter((h) => h.type === t).map((h) => h.row.id);
      subs.set(t, await subtitles(db, t, ids));
    }),
  );
  out.items = top.map(({ type, row, match }) => ({
    type,
    id: row.id,
    title: row.name,
    subtitle: subs.get(type)?.get(row.id) ?? null,
    matchedField: match.field,
    match: match.kind,
    score: match.score,
    highlight: { text: match.text, ranges: match.ranges },
  }));
  return out;
}
