import { describe, expect, it } from 'vitest';
import { suggestMappings } from './suggest.js';
import { makeEnterprise, makeNode, makeTemplate } from './test-factories.js';
import { keywordPieces, normalizeText } from './text.js';
import type { MappingSuggestion } from './types.js';

const template = makeTemplate('im', [
  makeNode('im.target', { classes: ['3985'], approx: ['3254'], keywords: ['溅射靶材', 'ITO靶材', '钼靶', '高纯金属'] }),
  makeNode('im.lc', { classes: ['3985'], keywords: ['液晶材料', 'OLED材料'] }),
  makeNode('im.laser', { approx: ['3424'], keywords: ['激光切割机', '激光加工设备'] }),
  makeNode('im.fiber', { classes: ['3832'], keywords: ['光纤', '单模光纤'] }),
  makeNode('im.imaging', { classes: ['3581'], keywords: ['CT', '医学影像'] }),
  makeNode('im.g_dev', { group: true, keywords: ['器件'] }),
  makeNode('im.dev', { parent: 'im.g_dev', classes: ['3976'], keywords: ['光器件'] }),
]);

const suggest = (e: Parameters<typeof makeEnterprise>[0], ...rest: unknown[]) =>
  suggestMappings([template], [makeEnterprise(e)], ...(rest as []));
const only = (list: MappingSuggestion[], nodeId: string) => list.find((s) => s.nodeId === nodeId);

describe('suggestMappings', () => {
  it('combines a plain class and distinct product keywords by noisy-OR, best first', () => {
    const out = suggest({ classCode: '3985', products: ['ITO靶材', '钼靶'] });
    expect(out.map((s) => s.nodeId)).toEqual(['im.target', 'im.lc']);
    expect(out[0]!.confidence).toBeCloseTo(1 - 0.4 * 0.7 * 0.7, 12);
    expect(out[0]!.evidence.map((e) => [e.kind, e.detail])).toEqual([
      ['class', '3985'],
      ['keyword', 'ITO靶材 (products)'],
      ['keyword', '钼靶 (products)'],
    ]);
    expect(out[1]!.confidence).toBeCloseTo(0.6, 12);
  });

  it('lets an approximate class boost a keyword hit but never match alone', () => {
    const hit = only(suggest({ classCode: '3254', products: ['溅射靶材'] }), 'im.target')!;
    expect(hit.evidence.map((e) => e.kind)).toEqual(['class_approx', 'keyword']);
    expect(hit.confidence).toBeCloseTo(1 - 0.65 * 0.7, 12);
    expect(suggest({ classCode: '3254', products: ['铝合金'] })).toEqual([]);
    expect(suggest({ classCode: '3424', products: [] })).toEqual([]);
  });

  it('accepts a keyword hit with a class of the same division, and nothing from another division', () => {
    const hit = only(suggest({ classCode: '3989', products: ['液晶材料'] }), 'im.lc')!;
    expect(hit.evidence.map((e) => e.kind)).toEqual(['division_keyword', 'keyword']);
    expect(hit.evidence[0]!.detail).toBe('3989 in division 39 (node classes 3985)');
    expect(hit.confidence).toBeCloseTo(1 - 0.8 * 0.7, 12);
    expect(suggest({ classCode: '2611', products: ['液晶材料', 'OLED材料'] })).toEqual([]);
  });

  it('suggests from keywords alone only for a firm without a class, and only with two keywords', () => {
    const hit = only(suggest({ classCode: null, products: ['液晶材料', 'OLED材料'] }), 'im.lc')!;
    expect(hit.confidence).toBeCloseTo(1 - 0.7 * 0.7, 12);
    expect(suggest({ classCode: null, products: ['液晶材料'] })).toEqual([]);
    expect(
      suggest({ classCode: null, products: ['液晶材料', 'OLED材料'] }, [], { keywordOnlyWithoutClass: false }),
    ).toEqual([]);
  });

  it('weighs a description hit below a product hit', () => {
    const hit = only(suggest({ classCode: '3985', description: '从事溅射靶材的研发与销售' }), 'im.target')!;
    expect(hit.evidence[1]).toEqual({ kind: 'keyword', detail: '溅射靶材 (description)', weight: 0.15 });
    expect(hit.confidence).toBeCloseTo(1 - 0.4 * 0.85, 12);
  });

  it('credits a short product name that is a large part of a keyword', () => {
    const out = suggest({ classCode: '3985', products: ['靶材'] });
    expect(out[0]!.nodeId).toBe('im.target');
    expect(out[0]!.evidence[1]).toEqual({ kind: 'keyword', detail: '靶材 ⊂ 溅射靶材 (products)', weight: 0.15 });
    expect(out[0]!.confidence).toBeCloseTo(1 - 0.4 * 0.85, 12);
  });

  it('does not count a keyword again inside a longer keyword that hit', () => {
    const hit = only(suggest({ classCode: '3832', products: ['单模光纤'] }), 'im.fiber')!;
    expect(hit.evidence.filter((e) => e.kind === 'keyword').map((e) => e.detail)).toEqual(['单模光纤 (products)']);
    const both = only(suggest({ classCode: '3832', products: ['单模光纤', '光纤'] }), 'im.fiber')!;
    expect(both.evidence.filter((e) => e.kind === 'keyword')).toHaveLength(1);
  });

  it('matches Latin keywords as whole words only, after width and case folding', () => {
    expect(only(suggest({ classCode: '3581', description: 'ICT 集成服务' }), 'im.imaging')!.evidence).toHaveLength(1);
    expect(only(suggest({ classCode: '3581', products: ['CT机'] }), 'im.imaging')!.evidence).toHaveLength(2);
    expect(only(suggest({ classCode: '3581', products: ['ｃｔ扫描仪'] }), 'im.imaging')!.evidence).toHaveLength(2);
    expect(only(suggest({ classCode: '3985', products: ['ＩＴＯ 靶材'] }), 'im.target')!.evidence).toHaveLength(2);
    expect(only(suggest({ classCode: '3985', products: ['PITO靶材'] }), 'im.target')!.evidence).toHaveLength(1);
    expect(only(suggest({ classCode: '3985', products: ['ＩＴＯ靶材'] }), 'im.target')!.evidence).toHaveLength(2);
  });

  it('never suggests a group node', () => {
    const out = suggest({ classCode: '3976', products: ['光器件', '器件'] });
    expect(out.map((s) => s.nodeId)).toEqual(['im.dev']);
  });

  it('never re-suggests a node a person confirmed or rejected, but refreshes pending suggestions', () => {
    const e = makeEnterprise({ classCode: '3985', products: ['ITO靶材'] });
    const out = suggestMappings(
      [template],
      [e],
      [
        { enterpriseId: e.id, nodeId: 'im.target', status: 'confirmed' },
        { enterpriseId: e.id, nodeId: 'im.lc', status: 'suggested', confidence: 0.2 },
      ],
    );
    expect(out.map((s) => s.nodeId)).toEqual(['im.lc']);
    const none = suggestMappings([template], [e], [{ enterpriseId: e.id, nodeId: 'im.lc', status: 'rejected' }]);
    expect(none.map((s) => s.nodeId)).toEqual(['im.target']);
  });

  it('caps suggestions per enterprise and drops weak ones', () => {
    expect(suggest({ classCode: '3985', products: ['ITO靶材'] }, [], { maxSuggestionsPerEnterprise: 1 })).toHaveLength(
      1,
    );
    expect(suggest({ classCode: '3985' }, [], { minSuggestionConfidence: 0.61 })).toEqual([]);
  });
});

describe('text helpers', () => {
  it('normalises width, case and separators', () => {
    expect(normalizeText(' ＴＦＴ－ＬＣＤ  面板 ')).toBe('tft lcd面板');
    expect(normalizeText('Mini LED 背光, AI PC')).toBe('mini led背光,ai pc');
    expect(normalizeText('DC/DC')).toBe('dc dc');
  });

  it('cuts keyword pieces of at least half the keyword without splitting Latin words', () => {
    expect(keywordPieces('溅射靶材')).toEqual(['溅射', '射靶', '靶材', '溅射靶', '射靶材']);
    expect(keywordPieces('ito靶材')).toEqual(['ito', 'ito靶']);
  });
});
