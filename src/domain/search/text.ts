/**
 * Text folding and pinyin for search. Folding is NFKC + lower case, done one code point at a time so
 * every folded position still points at its characters in the original text (highlights are given
 * in the original title). Pinyin comes from pinyin-pro, whose phrase dictionary resolves most
 * polyphones from context (重庆 chongqing, 长江 changjiang, 银行 yinhang).
 */
import { pinyin } from 'pinyin-pro';

/** A half-open range [start, end) of UTF-16 positions in a string. */
export interface Range {
  start: number;
  end: number;
}

/** Folded text with, for each folded position, the range of original text it came from (null: the same position). */
export interface Folded {
  text: string;
  from: Range[] | null;
}

const foldChar = (ch: string) => ch.normalize('NFKC').toLowerCase();

/** NFKC + lower case, keeping a map back to the original positions. */
export function foldWithMap(s: string): Folded {
  const whole = fold(s);
  // Usually folding keeps every position (full-width → half-width, upper → lower): identity map.
  if (whole.length === s.length && [...whole].length === [...s].length) return { text: whole, from: null };
  let text = '';
  const from: Range[] = [];
  let o = 0;
  for (const ch of s) {
    const f = foldChar(ch);
    text += f;
    for (let i = 0; i < f.length; i++) from.push({ start: o, end: o + ch.length });
    o += ch.length;
  }
  return { text, from };
}

/** NFKC + lower case. */
export const fold = (s: string) => s.normalize('NFKC').toLowerCase();

/** Maps a range of folded text back to the original text. */
export function unfoldRange(f: Folded, r: Range): Range {
  if (!f.from) return r;
  const a = f.from[r.start];
  const b = f.from[r.end - 1];
  return a && b ? { start: a.start, end: b.end } : r;
}

const HAN = /\p{Script=Han}/u;
const ALNUM = /[\p{L}\p{N}]/u;

/** Whether the text holds a Chinese character. */
export const hasHan = (s: string) => HAN.test(s);

/** One syllable of a name: a Chinese character, or a run of letters and digits (an ASCII word, 3D, TCL). */
export interface Syllable {
  /** Range in the original text. */
  start: number;
  end: number;
  /** Toneless lower-case pinyin, or the folded run. */
  py: string;
  /** First letter of the pinyin, or the whole run. */
  initial: string;
  han: boolean;
}

/**
 * Splits text into syllables: one per Chinese character (toneless pinyin), one per run of other
 * letters and digits; punctuation and spaces separate runs and are dropped.
 */
export function syllables(text: string): Syllable[] {
  if (!text) return [];
  const hit = cache.get(text);
  if (hit) return hit;
  const out = computeSyllables(text);
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(text, out);
  return out;
}

// Names recur (ranking a candidate, then highlighting it; the same firm in consecutive searches).
const CACHE_SIZE = 20_000;
const cache = new Map<string, Syllable[]>();

/** Per code point: its toneless pinyin if it is a Chinese character, else ''. */
function pinyinOf(text: string): { ch: string; py: string }[] {
  const chars = [...text];
  if (!hasHan(text)) return chars.map((ch) => ({ ch, py: '' }));
  // 'array' is several times faster than 'all'; it gives one entry per code point.
  const arr = pinyin(text, { type: 'array', toneType: 'none' });
  if (arr.length === chars.length) return chars.map((ch, i) => ({ ch, py: HAN.test(ch) ? (arr[i] ?? '') : '' }));
  return pinyin(text, { type: 'all', toneType: 'none' }).map((x) => ({ ch: x.origin, py: x.isZh ? x.pinyin : '' }));
}

function computeSyllables(text: string): Syllable[] {
  const out: Syllable[] = [];
  let run: Syllable | null = null;
  const flush = () => {
    if (run) out.push(run);
    run = null;
  };
  let o = 0;
  for (const { ch, py } of pinyinOf(text)) {
    const start = o;
    o += ch.length;
    if (py) {
      flush();
      const p =
        fold(py)
          .replace(/ü/g, 'v')
          .replace(/[^a-z]/g, '') || fold(ch);
      out.push({ start, end: o, py: p, initial: p.slice(0, 1), han: true });
      continue;
    }
    const f = fold(ch);
    if (!ALNUM.test(f)) {
      flush();
      continue;
    }
    if (run) {
      const r: Syllable = run;
      r.end = o;
      r.py += f;
      r.initial = r.py;
    } else run = { start, end: o, py: f, initial: f, han: false };
  }
  flush();
  return out;
}

/** A string built from syllables, with the syllable each position belongs to. */
export interface Spelled {
  text: string;
  /** Syllable index of each position of text. */
  owner: number[];
  /** Position in text where each syllable starts. */
  starts: number[];
}

function spell(sy: Syllable[], part: (s: Syllable) => string): Spelled {
  let text = '';
  const owner: number[] = [];
  const starts: number[] = [];
  sy.forEach((s, i) => {
    const p = part(s);
    starts.push(text.length);
    text += p;
    for (let k = 0; k < p.length; k++) owner.push(i);
  });
  return { text, owner, starts };
}

/** Joined toneless pinyin: 江丰电子 → jiangfengdianzi. */
export const spellPinyin = (sy: Syllable[]) => spell(sy, (s) => s.py);
/** Initials: 江丰电子 → jfdz (a non-Chinese run keeps all its letters: TCL科技 → tclkj). */
export const spellInitials = (sy: Syllable[]) => spell(sy, (s) => s.initial);

/** The original-text range covered by positions [start, end) of a spelled string. */
export function spelledRange(sp: Spelled, sy: Syllable[], r: Range): Range {
  const a = sy[sp.owner[r.start] ?? -1];
  const b = sy[sp.owner[r.end - 1] ?? -1];
  return a && b ? { start: a.start, end: b.end } : r;
}

/** Merges overlapping or touching ranges, sorted. */
export function mergeRanges(rs: Range[]): Range[] {
  const sorted = [...rs].sort((x, y) => x.start - y.start);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}
