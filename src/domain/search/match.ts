/**
 * Ranking of search candidates. The database finds candidates through its indexes; this decides,
 * for each, how it matched (exact > prefix > substring > fuzzy), on which field (name before pinyin
 * and initials, before aliases and tags, before English name and codes, before products), and which
 * part of the title (or of the alias, code or product) to highlight.
 */
import type { SearchSource } from './keys.js';
import {
  type Folded,
  fold,
  foldWithMap,
  hasHan,
  mergeRanges,
  type Range,
  type Spelled,
  type Syllable,
  spelledRange,
  spellInitials,
  spellPinyin,
  syllables,
  unfoldRange,
} from './text.js';

export type MatchKind = 'exact' | 'prefix' | 'substring' | 'fuzzy';
export const MATCH_KINDS = ['exact', 'prefix', 'substring', 'fuzzy'] as const;
export const MATCH_FIELDS = [
  'name',
  'namePinyin',
  'nameInitials',
  'alias',
  'aliasPinyin',
  'aliasInitials',
  'tag',
  'nameEn',
  'code',
  'product',
] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

const PRIORITY: Record<MatchField, number> = {
  name: 0,
  namePinyin: 1,
  nameInitials: 1,
  alias: 2,
  aliasPinyin: 2,
  aliasInitials: 2,
  tag: 2,
  nameEn: 3,
  code: 3,
  product: 4,
};
const KIND_RANK: Record<MatchKind, number> = { exact: 0, prefix: 1, substring: 2, fuzzy: 3 };

export interface Match {
  kind: MatchKind;
  field: MatchField;
  /** Edits needed (fuzzy matches only; 0 otherwise). */
  edits: number;
  /** The text the ranges refer to: the title, or the matched alias, tag, code or product. */
  text: string;
  ranges: Range[];
  /** 0–1, higher is better; consistent with compareMatches. */
  score: number;
}

/** A query folded for matching. */
export interface SearchQuery {
  /** Folded, whitespace collapsed ('|' removed); Chinese queries lose their spaces. */
  text: string;
  /** text without spaces, for pinyin and initials. */
  compact: string;
  han: boolean;
  /** Only letters and digits (after removing spaces): can be pinyin, initials or a code. */
  latin: boolean;
}

export function normalizeQuery(raw: string): SearchQuery {
  let text = fold(raw)
    .replace(/[|\s]+/g, ' ')
    .trim();
  const han = hasHan(text);
  if (han) text = text.replace(/ /g, '');
  const compact = text.replace(/ /g, '');
  return { text, compact, han, latin: /^[a-z0-9]+$/.test(compact) };
}

/** Edits allowed for a fuzzy match of a query of this length. */
export function maxEdits(len: number): number {
  return len < 4 ? 0 : len <= 6 ? 1 : len <= 10 ? 2 : 3;
}

/**
 * Fewest edits (insertions, deletions, substitutions, adjacent transpositions) turning q into some
 * substring of t, and that substring's range.
 */
export function substringDistance(q: string, t: string): { edits: number; start: number; end: number } {
  const m = q.length;
  const n = t.length;
  const w = n + 1;
  const d = new Int32Array((m + 1) * w);
  const s = new Int32Array((m + 1) * w);
  for (let j = 0; j <= n; j++) s[j] = j;
  for (let i = 1; i <= m; i++) {
    d[i * w] = i;
    s[i * w] = 0;
    for (let j = 1; j <= n; j++) {
      const k = i * w + j;
      let best = d[k - w - 1]! + (q[i - 1] === t[j - 1] ? 0 : 1);
      let from = k - w - 1;
      if (d[k - w]! + 1 < best) {
        best = d[k - w]! + 1;
        from = k - w;
      }
      if (d[k - 1]! + 1 < best) {
        best = d[k - 1]! + 1;
        from = k - 1;
      }
      if (i > 1 && j > 1 && q[i - 1] === t[j - 2] && q[i - 2] === t[j - 1] && d[k - 2 * w - 2]! + 1 < best) {
        best = d[k - 2 * w - 2]! + 1;
        from = k - 2 * w - 2;
      }
      d[k] = best;
      s[k] = s[from]!;
    }
  }
  let end = 0;
  for (let j = 1; j <= n; j++) if (d[m * w + j]! < d[m * w + end]!) end = j;
  return { edits: d[m * w + end]!, start: s[m * w + end]!, end };
}

/**
 * Rank of a match, best first: direct matches on names, pinyin, aliases, tags and codes (exact,
 * prefix, substring), then direct matches on products only, then typos; within those, the field.
 */
const rankOf = (c: { kind: MatchKind; field: MatchField; edits: number }) => [
  c.kind === 'fuzzy' ? 2 : c.field === 'product' ? 1 : 0,
  KIND_RANK[c.kind],
  PRIORITY[c.field],
  c.edits,
];

function score(c: Candidate, len: number): number {
  const [group = 0, kind = 0, priority = 0] = rankOf(c);
  const v = 1 - (group * 4 + kind) / 12 - priority * 0.012 - Math.min(c.edits, 3) * 0.004 - Math.min(len, 100) * 0.0001;
  return Math.max(0.001, Math.round(v * 10000) / 10000);
}

/** Orders matches best first (see rankOf), then shorter titles. */
export function compareMatches(a: Match, b: Match): number {
  const x = rankOf(a);
  const y = rankOf(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return b.score - a.score;
}

interface Candidate {
  kind: MatchKind;
  field: MatchField;
  edits: number;
  text: string;
  ranges: Range[];
}
/** The better of two candidates; the first on a tie. */
function better(a: Candidate | null, b: Candidate | null): Candidate | null {
  if (!a || !b) return a ?? b;
  const x = rankOf(a);
  const y = rankOf(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (y[i] as number) < (x[i] as number) ? b : a;
  return a;
}

function kindOf(at: number, len: number, total: number): MatchKind {
  return at === 0 ? (len === total ? 'exact' : 'prefix') : 'substring';
}

/** The query as typed, inside a plain text field. */
function textMatch(q: SearchQuery, original: string, field: MatchField): Candidate | null {
  const f: Folded = foldWithMap(original);
  const hay = q.han ? f.text : f.text.replace(/\s+/g, ' ');
  const at = hay.indexOf(q.text);
  if (at < 0 || !q.text) return null;
  const kind = kindOf(at, q.text.length, hay.trim().length);
  return { kind, field, edits: 0, text: original, ranges: [unfoldRange(f, { start: at, end: at + q.text.length })] };
}

/** The query inside the pinyin or initials of a text, starting on a syllable. */
function spelledMatch(q: SearchQuery, original: string, sy: Syllable[], sp: Spelled, field: MatchField) {
  if (!q.latin || !sp.text || !sy.some((s) => s.han)) return null;
  const starts = new Set(sp.starts);
  for (let at = sp.text.indexOf(q.compact); at >= 0; at = sp.text.indexOf(q.compact, at + 1)) {
    if (!starts.has(at)) continue;
    const kind = kindOf(at, q.compact.length, sp.text.length);
    const range = spelledRange(sp, sy, { start: at, end: at + q.compact.length });
    return { kind, field, edits: 0, text: original, ranges: [range] } satisfies Candidate;
  }
  return null;
}

function fuzzyIn(q: string, target: string, toRange: (r: Range) => Range, field: MatchField, original: string) {
  if (!target) return null;
  const r = substringDistance(q, target);
  if (r.edits > maxEdits(q.length) || r.end <= r.start) return null;
  return {
    kind: 'fuzzy',
    field,
    edits: r.edits,
    text: original,
    ranges: [toRange({ start: r.start, end: r.end })],
  } satisfies Candidate;
}

function finish(c: Candidate | null, titleLength: number): Match | null {
  if (!c) return null;
  return { ...c, ranges: mergeRanges(c.ranges), score: score(c, titleLength) };
}

/**
 * How a record matches the query directly (exact, prefix or substring on any field), or null.
 * Pinyin and initials must match from the start of a syllable (jiangfeng, not angfeng).
 */
export function matchRecord(q: SearchQuery, src: SearchSource): Match | null {
  if (!q.text) return null;
  let best: Candidate | null = textMatch(q, src.name, 'name');
  if (q.latin) {
    const sy = syllables(src.name);
    best = better(best, spelledMatch(q, src.name, sy, spellPinyin(sy), 'namePinyin'));
    best = better(best, spelledMatch(q, src.name, sy, spellInitials(sy), 'nameInitials'));
  }
  const named: [readonly string[] | null | undefined, MatchField, MatchField, MatchField][] = [
    [src.aliases, 'alias', 'aliasPinyin', 'aliasInitials'],
    [src.tags, 'tag', 'tag', 'tag'],
  ];
  for (const [list, field, pyField, initField] of named) {
    for (const a of list ?? []) {
      best = better(best, textMatch(q, a, field));
      if (q.latin) {
        const sy = syllables(a);
        best = better(best, spelledMatch(q, a, sy, spellPinyin(sy), pyField));
        best = better(best, spelledMatch(q, a, sy, spellInitials(sy), initField));
      }
    }
  }
  if (src.nameEn) best = better(best, textMatch(q, src.nameEn, 'nameEn'));
  for (const c of src.codes ?? []) if (c) best = better(best, textMatch(q, c, 'code'));
  for (const p of src.products ?? []) best = better(best, textMatch(q, p, 'product'));
  return finish(best, src.name.length);
}

/**
 * A typo-tolerant match: the fewest edits turning the query into part of the name's pinyin (or an
 * alias's pinyin, the name itself, an alias, the English name), within maxEdits of its length.
 */
export function fuzzyMatch(q: SearchQuery, src: SearchSource): Match | null {
  const query = q.latin ? q.compact : q.text;
  if (maxEdits(query.length) === 0) return null;
  let best: Candidate | null = null;
  const names: [string, MatchField, MatchField][] = [[src.name, 'name', 'namePinyin']];
  for (const a of src.aliases ?? []) names.push([a, 'alias', 'aliasPinyin']);
  for (const t of src.tags ?? []) names.push([t, 'tag', 'tag']);
  for (const [text, field, pyField] of names) {
    if (q.latin && hasHan(text)) {
      const sy = syllables(text);
      const sp = spellPinyin(sy);
      best = better(
        best,
        fuzzyIn(query, sp.text, (r) => spelledRange(sp, sy, r), pyField, text),
      );
    } else if (q.latin === !hasHan(text)) {
      const f = foldWithMap(text);
      best = better(
        best,
        fuzzyIn(query, f.text, (r) => unfoldRange(f, r), field, text),
      );
    }
  }
  if (src.nameEn && q.latin) {
    const f = foldWithMap(src.nameEn);
    best = better(
      best,
      fuzzyIn(query, f.text, (r) => unfoldRange(f, r), 'nameEn', src.nameEn),
    );
  }
  return finish(best, src.name.length);
}
