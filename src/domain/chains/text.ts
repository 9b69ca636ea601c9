/**
 * Chinese-aware keyword matching for node suggestions. Chinese has no spaces, so a keyword is
 * matched as a substring (`溅射靶材` in `高纯溅射靶材的研发`); Latin keywords (`CT`, `PIN`, `OA`)
 * must stand as whole words, or `CT` would match every `ICT` and `PIN` every `PINYIN`. Text is
 * NFKC-normalised first, so full-width `ＩＴＯ` equals `ITO`, and separators are unified, so
 * `TFT-LCD`, `TFT LCD`, `ITO 靶材` and `DC/DC` match their keywords whatever the firm wrote.
 */

const SEPARATORS = /[\s\-_/·・—–]+/g;
const WORD = /[a-z0-9]/;

/** A space that does not sit between two Latin letters or digits (`ito 靶材`, `面板 oled`). */
const LOOSE_SPACE = /(?<![a-z0-9]) | (?![a-z0-9])/g;

/**
 * NFKC, lower case, runs of spaces, dashes, slashes and middle dots made one space, which is kept
 * only between two Latin words or numbers (`ito 靶材` → `ito靶材`, `tft-lcd` → `tft lcd`), trimmed.
 */
export function normalizeText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(SEPARATORS, ' ').trim().replace(LOOSE_SPACE, '');
}

const isWordChar = (c: string | undefined) => c !== undefined && WORD.test(c);

/** True when `needle` sits at `at` in `text` without cutting a Latin word or number in two. */
function atWordBoundary(text: string, at: number, needle: string): boolean {
  if (isWordChar(needle[0]) && isWordChar(text[at - 1])) return false;
  if (isWordChar(needle[needle.length - 1]) && isWordChar(text[at + needle.length])) return false;
  return true;
}

/**
 * Finds which of a fixed list of keywords occur in a text: keywords are bucketed by their first
 * character, so a text is scanned once and only the keywords starting with each character are tried.
 */
export class KeywordMatcher {
  private readonly byFirst = new Map<string, { kw: string; index: number }[]>();
  /** Normalised keywords, by index. */
  readonly keywords: string[];

  constructor(keywords: readonly string[]) {
    this.keywords = keywords.map(normalizeText);
    this.keywords.forEach((kw, index) => {
      if (kw.length === 0) return;
      const first = kw[0]!;
      let bucket = this.byFirst.get(first);
      if (!bucket) {
        bucket = [];
        this.byFirst.set(first, bucket);
      }
      bucket.push({ kw, index });
    });
  }

  /** Indexes of the keywords found in an already normalised text. */
  find(text: string, into: Set<number> = new Set()): Set<number> {
    for (let i = 0; i < text.length; i++) {
      const bucket = this.byFirst.get(text[i]!);
      if (!bucket) continue;
      for (const { kw, index } of bucket) {
        if (text.startsWith(kw, i) && atWordBoundary(text, i, kw)) into.add(index);
      }
    }
    return into;
  }
}

/**
 * Pieces of a keyword that a product name may be on its own: every substring of at least two
 * characters and at least half the keyword, that does not cut a Latin word (`靶材` of `溅射靶材`,
 * not `to` of `ito靶材`). Used to credit a short product name that a longer keyword contains.
 */
export function keywordPieces(kw: string): string[] {
  const pieces: string[] = [];
  const min = Math.max(2, Math.ceil(kw.length / 2));
  for (let len = min; len < kw.length; len++) {
    for (let at = 0; at + len <= kw.length; at++) {
      const piece = kw.slice(at, at + len);
      if (piece.trim() !== piece) continue;
      if (isWordChar(piece[0]) && isWordChar(kw[at - 1])) continue;
      if (isWordChar(piece[len - 1]) && isWordChar(kw[at + len])) continue;
      pieces.push(piece);
    }
  }
  return pieces;
}

/** The 2-digit division (大类) of a GB/T 4754 class code. */
export const divisionOf = (classCode: string) => classCode.slice(0, 2);
