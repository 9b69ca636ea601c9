/**
 * Typo candidates for the database: LIKE patterns that any text within one typo of the query must
 * contain, each long enough for the trigram index to be selective. pg_trgm's own similarity operator
 * (<%) is no use on pinyin: its few, common trigrams (ang, ian, eng) put half the rows above any
 * useful threshold (measured: 3.7 s for "jiangfeng" at 200 k enterprises). Instead:
 *
 * - first, every adjacent transposition of the query (jiangfengdainzi → …dianzi), the commonest
 *   pinyin slip: full-length patterns, precise and cheap;
 * - then, if those find nothing and the query has 11 letters or more, three pieces separated by
 *   one-letter gaps: one substitution, insertion, deletion or transposition spoils at most one piece,
 *   so two survive, around one gap ('%A_B%', '%B_C%') or at both ends ('%A%C%'). Looser: more rows
 *   match, so the caller caps them.
 *
 * The candidates are ranked afterwards by edit distance (match.ts), not here.
 */
import { likeEscape } from './like.js';

export const FUZZY_MIN_LENGTH = 4;
export const PIECES_MIN_LENGTH = 11;

export interface FuzzyPatterns {
  transpositions: string[];
  pieces: string[];
}

export function fuzzyPatterns(query: string): FuzzyPatterns {
  const q = [...query];
  const m = q.length;
  const out = new Set<string>();
  const pieces: string[] = [];
  if (m < FUZZY_MIN_LENGTH) return { transpositions: [], pieces };
  for (let i = 0; i + 1 < m; i++) {
    if (q[i] === q[i + 1]) continue;
    const v = [...q];
    [v[i], v[i + 1]] = [q[i + 1] as string, q[i] as string];
    out.add(`%${likeEscape(v.join(''))}%`);
  }
  if (m >= PIECES_MIN_LENGTH) {
    const a = Math.floor((m - 2) / 3);
    const b = Math.floor((m - 2 - a) / 2);
    const A = likeEscape(q.slice(0, a).join(''));
    const B = likeEscape(q.slice(a + 1, a + 1 + b).join(''));
    const C = likeEscape(q.slice(a + b + 2).join(''));
    pieces.push(`%${A}_${B}%`, `%${B}_${C}%`, `%${A}%${C}%`);
  }
  return { transpositions: [...out], pieces };
}
