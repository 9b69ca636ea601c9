/**
 * Search keys: the one text column (search_keys) that the search box matches against, computed
 * here because pinyin cannot be computed in SQL. Segments are separated by '|':
 *
 *   |name|name pinyin|name initials|name pin yin spaced|English name|alias|alias pinyin|alias initials|…
 *   |tag…|code…|product…| v江丰 v丰电 v电子 v子 |
 *
 * Positions 2, 3 and 4 are always the folded name, its pinyin and its initials, so btree indexes on
 * split_part(search_keys, '|', n) answer exact and prefix queries. The last segment lists, for every
 * Chinese character of the name, aliases, tags and products, the character and the one after it,
 * marked with GRAM_MARK: a pg_trgm index needs three characters, so a two-character query (江丰)
 * becomes the trigram 'v江丰', which nothing but these chunks contains.
 */
import { fold, hasHan, spellInitials, spellPinyin, syllables } from './text.js';

/** Marks the two-character chunks; a letter no pinyin syllable starts with. */
export const GRAM_MARK = 'v';

/** What an entity offers to search; every field is optional but the name. */
export interface SearchSource {
  name: string;
  nameEn?: string | null | undefined;
  /** Other names people use (简称); matched in Chinese and pinyin. */
  aliases?: readonly string[] | null | undefined;
  /** Labels such as 光谷; matched in Chinese and pinyin. */
  tags?: readonly string[] | null | undefined;
  /** Credit code, park code, building code: matched as typed. */
  codes?: readonly (string | null | undefined)[] | null | undefined;
  /** Product names, matched in Chinese only and ranked below names. */
  products?: readonly string[] | null | undefined;
}

const clean = (s: string) =>
  fold(s)
    .replace(/[|\s]+/g, ' ')
    .trim();

/** Chinese runs of a text split into marked chunks of two characters (the last one of one). */
export function grams(text: string): string[] {
  const out: string[] = [];
  for (const run of clean(text).match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) out.push(GRAM_MARK + chars[i] + (chars[i + 1] ?? ''));
  }
  return out;
}

/** Pinyin joined, pinyin with spaces, and initials of a text. */
export function pinyinKeys(text: string): { joined: string; spaced: string; initials: string } {
  const sy = syllables(text);
  return {
    joined: spellPinyin(sy).text,
    spaced: sy.map((s) => s.py).join(' '),
    initials: spellInitials(sy).text,
  };
}

/**
 * The search_keys value of an entity: lower-cased (NFKC) name, pinyin (joined and spaced) and
 * initials of the name, English name, aliases and tags with their pinyin and initials, codes,
 * products, and the two-character chunks described above. Pure; the same input gives the same keys.
 */
export function searchKeys(src: SearchSource): string {
  const name = pinyinKeys(src.name);
  const segs = [clean(src.name), name.joined, name.initials, name.spaced];
  const extra: string[] = [];
  if (src.nameEn) extra.push(clean(src.nameEn));
  const gramSources = [src.name];
  for (const a of [...(src.aliases ?? []), ...(src.tags ?? [])]) {
    extra.push(clean(a));
    if (hasHan(a)) {
      const k = pinyinKeys(a);
      extra.push(k.joined, k.initials);
    }
    gramSources.push(a);
  }
  for (const c of src.codes ?? []) if (c) extra.push(clean(c));
  for (const p of src.products ?? []) {
    extra.push(clean(p));
    gramSources.push(p);
  }
  const seen = new Set(segs);
  for (const e of extra) {
    if (e && !seen.has(e)) {
      seen.add(e);
      segs.push(e);
    }
  }
  const chunks = [...new Set(gramSources.flatMap(grams))];
  return `|${segs.join('|')}| ${chunks.join(' ')} |`;
}
