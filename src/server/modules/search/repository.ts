/**
 * SQL of the search: candidates from the indexes of migration 0002, and subtitles of the final hits.
 * Candidates are a superset; src/domain/search/match.ts decides what matched and in which order.
 */
import type { Db } from '../../../db/connect.js';
import {
  type FuzzyPatterns,
  fuzzyPatterns,
  GRAM_MARK,
  maxEdits,
  type SearchQuery,
} from '../../../domain/search/index.js';
import { likeEscape, Sql } from '../../lib/sql.js';
import { SEARCH_TABLES, type SearchFields, type SearchType } from './sources.js';

export type CandidateRow = SearchFields & { id: number };

/** The caller's read scope as a condition on the searched table (aliased t); null for every row. */
export type Scope = (s: Sql) => string | null;

/**
 * Runs a capped candidate query with sequential scans off. Planners estimate LIKE '%…%' far above the
 * real count, and with a LIMIT then prefer reading the table until enough rows turn up: 1.3 s instead
 * of 5 ms for a typo at 200 k enterprises, when few or none turn up.
 */
function indexed<T extends CandidateRow>(db: Db, sql: string, params: unknown[]) {
  return db.tx(async (t) => {
    await t.query(`select set_config('enable_seqscan', 'off', true)`);
    return t.query<T>(sql, params);
  });
}

const seg = (n: number) => `split_part(t.search_keys, '|', ${n})`;

/** The LIKE pattern finding the query inside search_keys through the trigram index. */
export function substringPattern(q: SearchQuery): string {
  const e = likeEscape(q.text);
  const n = [...q.text].length;
  if (q.han && n === 1) return `% ${GRAM_MARK}${e}%`; // a chunk starting with the character
  if (q.han && n === 2) return `%${GRAM_MARK}${e}%`; // the chunk itself: one trigram
  if (!q.han && n <= 2) return `% ${e}%`; // a word (syllable, English word) starting with it
  return `%${e}%`;
}

/**
 * Exact and prefix matches on name, pinyin and initials (btree, in order), then substrings
 * anywhere in the keys (trigram, capped): one statement per type.
 */
export async function directCandidates(db: Db, type: SearchType, q: SearchQuery, limit: number, scope?: Scope) {
  const { table, fields } = SEARCH_TABLES[type];
  const s = new Sql();
  const parts: string[] = [];
  const inScope = () => {
    const c = scope?.(s);
    return c ? ` and ${c}` : '';
  };
  const prefix = (n: number, text: string) => {
    const e = seg(n);
    parts.push(
      `(select t.id, ${fields} from ${table} t where ${e} like ${s.p(`${likeEscape(text)}%`)}${inScope()} order by ${e} limit ${s.p(limit)})`,
    );
  };
  prefix(2, q.text);
  if (q.latin) {
    prefix(3, q.compact);
    prefix(4, q.compact);
  }
  parts.push(
    `(select t.id, ${fields} from ${table} t where t.search_keys like ${s.p(substringPattern(q))}${inScope()} limit ${s.p(limit * 3)})`,
  );
  return indexed(db, parts.join(' union all '), s.params);
}

/** Whether typo-tolerant search applies: pinyin or English letters, long enough. */
export const fuzzyApplies = (q: SearchQuery) => /^[a-z]+$/.test(q.compact) && maxEdits(q.compact.length) > 0;

/**
 * Rows within one typo of the query (see fuzzyPatterns), for one stage: 'transpositions' or the
 * looser 'pieces'. Capped, unordered: match.ts ranks them by edit distance.
 */
export async function fuzzyCandidates(
  db: Db,
  type: SearchType,
  q: SearchQuery,
  limit: number,
  stage: keyof FuzzyPatterns,
  scope?: Scope,
) {
  const patterns = fuzzyApplies(q) ? fuzzyPatterns(q.compact)[stage] : [];
  if (patterns.length === 0) return [];
  const { table, fields } = SEARCH_TABLES[type];
  const s = new Sql();
  const like = s.p(patterns);
  const cond = scope?.(s);
  return indexed(
    db,
    `select t.id, ${fields} from ${table} t where t.search_keys like any(${like}::text[])${cond ? ` and ${cond}` : ''} limit ${s.p(limit)}`,
    s.params,
  );
}

const SUBTITLES: Record<SearchType, string> = {
  park: `select p.id, concat_ws(' · ', pp.name, r.name) as subtitle from parks p
    left join parks pp on pp.id = p.parent_id left join regions r on r.code = p.region_code where p.id = any($1::int[])`,
  building: `select b.id, concat_ws(' · ', p.name, r.name) as subtitle from buildings b join parks p on p.id = b.park_id
    left join regions r on r.code = p.region_code where b.id = any($1::int[])`,
  enterprise: `select e.id, concat_ws(' · ', (select pk.name from occupancies o join units u on u.id = o.unit_id
      join floors f on f.id = u.floor_id join buildings b on b.id = f.building_id join parks pk on pk.id = b.park_id
     where o.enterprise_id = e.id and (o.ended_on is null or o.ended_on >= current_date)
     order by o.started_on desc nulls last, o.id limit 1), r.name) as subtitle
    from enterprises e left join regions r on r.code = e.region_code where e.id = any($1::int[])`,
  institution: `select i.id, concat_ws(' · ', p.name, r.name) as subtitle from institutions i
    left join parks p on p.id = i.park_id left join regions r on r.code = i.region_code where i.id = any($1::int[])`,
};

/** Subtitles (park · district) of hits of one type, by id. */
export async function subtitles(db: Db, type: SearchType, ids: number[]): Promise<Map<number, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: number; subtitle: string }>(SUBTITLES[type], [ids]);
  return new Map(rows.map((r) => [r.id, r.subtitle || null]));
}
