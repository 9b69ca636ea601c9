import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzyPatterns, PIECES_MIN_LENGTH } from './fuzzy.js';

/** LIKE semantics (with backslash escapes) as a regular expression. */
function like(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\') re += (pattern[++i] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '%') re += '.*';
    else if (c === '_') re += '.';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}
const all = (q: string) => {
  const f = fuzzyPatterns(q);
  return [...f.transpositions, ...f.pieces];
};
const matchesAny = (q: string, text: string) => all(q).some((p) => like(p).test(text));

describe('fuzzy patterns', () => {
  it('undo the transposition in jiangfengdainzi', () => {
    expect(fuzzyPatterns('jiangfengdainzi').transpositions).toContain('%jiangfengdianzi%');
    expect(matchesAny('jiangfengdainzi', '|ningbojiangfengdianzicailiao|')).toBe(true);
    expect(matchesAny('jiangfengdainzi', '|changjiangtongxin|')).toBe(false);
  });

  it('give nothing for short queries and escape wildcards', () => {
    expect(all('abc')).toEqual([]);
    expect(fuzzyPatterns('a_b%').transpositions).toContain('%\\_ab\\%%');
  });

  it('catch every single edit of a long text, wherever the text sits', () => {
    const letters = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz');
    const word = fc.array(letters, { minLength: PIECES_MIN_LENGTH + 1, maxLength: 24 }).map((a) => a.join(''));
    const edit = fc.tuple(fc.constantFrom('sub', 'ins', 'del', 'swap'), fc.nat(), letters);
    fc.assert(
      fc.property(word, edit, (t, [kind, at0, ch]) => {
        const i = at0 % (t.length - 1);
        const q =
          kind === 'sub'
            ? t.slice(0, i) + ch + t.slice(i + 1)
            : kind === 'ins'
              ? t.slice(0, i) + ch + t.slice(i)
              : kind === 'del'
                ? t.slice(0, i) + t.slice(i + 1)
                : t.slice(0, i) + t[i + 1] + t[i] + t.slice(i + 2);
        if (q.length < PIECES_MIN_LENGTH) return true;
        return matchesAny(q, `|xx${t}yy|`);
      }),
    );
  });
});
