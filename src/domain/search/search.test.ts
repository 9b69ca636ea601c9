import { describe, expect, it } from 'vitest';
import { GRAM_MARK, grams, pinyinKeys, searchKeys } from './keys.js';
import { fuzzyMatch, matchRecord, maxEdits, normalizeQuery, substringDistance } from './match.js';
import { foldWithMap, syllables, unfoldRange } from './text.js';

const jiangfeng = {
  name: '宁波江丰电子材料股份有限公司',
  aliases: ['江丰电子'],
  nameEn: 'Konfoong Materials International',
  codes: ['91330200MA2AH3KX4L'],
  products: ['溅射靶材'],
};
const segments = (keys: string) => keys.split('|');

describe('search keys', () => {
  it('holds the initials and the joined pinyin of 江丰电子', () => {
    const keys = searchKeys({ name: '江丰电子' });
    expect(keys).toContain('jfdz');
    expect(keys).toContain('jiangfengdianzi');
    expect(keys).toContain('jiang feng dian zi');
    expect(segments(keys).slice(1, 4)).toEqual(['江丰电子', 'jiangfengdianzi', 'jfdz']);
  });

  it('reads polyphones from their context', () => {
    expect(pinyinKeys('重庆').joined).toBe('chongqing');
    expect(pinyinKeys('长江').joined).toBe('changjiang');
    expect(pinyinKeys('银行').joined).toBe('yinhang');
    expect(pinyinKeys('重庆长江银行').initials).toBe('cqcjyh');
  });

  it('keeps the name, its pinyin and its initials in segments 2 to 4 whatever else is present', () => {
    const s = segments(searchKeys(jiangfeng));
    expect(s.slice(1, 4)).toEqual([
      '宁波江丰电子材料股份有限公司',
      'ningbojiangfengdianzicailiaogufenyouxiangongsi',
      'nbjfdzclgfyxgs',
    ]);
    expect(s).toEqual(
      expect.arrayContaining(['江丰电子', 'jiangfengdianzi', 'jfdz', '91330200ma2ah3kx4l', '溅射靶材']),
    );
    expect(s).toContain('konfoong materials international');
  });

  it('lowercases and folds full-width text, and never lets a separator in', () => {
    const keys = searchKeys({ name: 'ＴＣＬ科技|集团', nameEn: 'TCL  Technology' });
    expect(segments(keys)[1]).toBe('tcl科技 集团');
    expect(segments(keys)[3]).toBe('tclkjjt');
    expect(keys).toContain('tcl technology');
  });

  it('lists every Chinese character with the next one as a marked chunk', () => {
    expect(grams('江丰电子')).toEqual([`${GRAM_MARK}江丰`, `${GRAM_MARK}丰电`, `${GRAM_MARK}电子`, `${GRAM_MARK}子`]);
    expect(grams('3D打印 abc 光谷')).toEqual([
      `${GRAM_MARK}打印`,
      `${GRAM_MARK}印`,
      `${GRAM_MARK}光谷`,
      `${GRAM_MARK}谷`,
    ]);
  });

  it('is deterministic', () => {
    expect(searchKeys(jiangfeng)).toBe(searchKeys({ ...jiangfeng }));
  });
});

describe('syllables and folding', () => {
  it('maps syllables and folded text back to the original positions', () => {
    const sy = syllables('华引芯（武汉）TCL科技');
    expect(sy.map((s) => s.py)).toEqual(['hua', 'yin', 'xin', 'wu', 'han', 'tcl', 'ke', 'ji']);
    expect(sy[5]).toMatchObject({ start: 7, end: 10, initial: 'tcl', han: false });
    const f = foldWithMap('Ｋonfoong');
    expect(f.text).toBe('konfoong');
    expect(unfoldRange(f, { start: 0, end: 3 })).toEqual({ start: 0, end: 3 });
  });
});

describe('matching', () => {
  const m = (q: string, src = jiangfeng) => matchRecord(normalizeQuery(q), src);

  it('finds 江丰电子 by its initials, exactly on the alias and as a prefix of the name', () => {
    expect(m('jfdz')).toMatchObject({ kind: 'exact', field: 'aliasInitials', ranges: [{ start: 0, end: 4 }] });
    expect(m('jfdz', { name: '江丰电子科技有限公司' } as never)).toMatchObject({
      kind: 'prefix',
      field: 'nameInitials',
      text: '江丰电子科技有限公司',
      ranges: [{ start: 0, end: 4 }],
    });
  });

  it('highlights a Chinese substring and full pinyin in the title', () => {
    expect(m('丰电子材', { name: '宁波江丰电子材料' } as never)).toMatchObject({
      kind: 'substring',
      field: 'name',
      ranges: [{ start: 3, end: 7 }],
    });
    expect(m('jiangfeng', { name: '宁波江丰电子材料' } as never)).toMatchObject({
      kind: 'substring',
      field: 'namePinyin',
      ranges: [{ start: 2, end: 4 }],
    });
    expect(m('jiang feng', { name: '江丰电子' } as never)).toMatchObject({ kind: 'prefix', field: 'namePinyin' });
  });

  it('requires pinyin to start on a syllable', () => {
    expect(m('angfeng', { name: '江丰' } as never)).toBeNull();
  });

  it('matches a credit code from its prefix, case-insensitively, and ranks names before products', () => {
    expect(m('91330200ma2ah3kx4l')).toMatchObject({ kind: 'exact', field: 'code' });
    expect(m('9133')).toMatchObject({ kind: 'prefix', field: 'code', text: '91330200MA2AH3KX4L' });
    expect(m('靶材')).toMatchObject({ kind: 'substring', field: 'product', text: '溅射靶材' });
    const byName = m('靶材', { name: '靶材科技' } as never);
    const byProduct = m('靶材');
    expect(byName!.score).toBeGreaterThan(byProduct!.score);
  });

  it('ranks exact above prefix above substring', () => {
    const exact = m('江丰电子', { name: '江丰电子' } as never)!;
    const prefix = m('江丰电子', { name: '江丰电子科技' } as never)!;
    const sub = m('江丰电子', { name: '宁波江丰电子' } as never)!;
    expect(exact.score).toBeGreaterThan(prefix.score);
    expect(prefix.score).toBeGreaterThan(sub.score);
  });
});

describe('typos', () => {
  it('finds 江丰电子 from jiangfengdainzi and highlights the characters', () => {
    const r = fuzzyMatch(normalizeQuery('jiangfengdainzi'), { name: '宁波江丰电子材料' });
    expect(r).toMatchObject({ kind: 'fuzzy', field: 'namePinyin', edits: 1, ranges: [{ start: 2, end: 6 }] });
  });

  it('counts a transposition as one edit and allows more edits for longer queries', () => {
    expect(substringDistance('dain', 'xxdianyy')).toMatchObject({ edits: 1, start: 2, end: 6 });
    expect(substringDistance('abc', 'zzabczz')).toEqual({ edits: 0, start: 2, end: 5 });
    expect([3, 4, 8, 15].map(maxEdits)).toEqual([0, 1, 2, 3]);
    expect(fuzzyMatch(normalizeQuery('xyzw'), { name: '江丰电子' })).toBeNull();
  });
});
