import { describe, expect, it } from 'vitest';
import { englishAmounts } from './magnitude';

describe('English amounts of 万 / 亿 figures', () => {
  it('reads 亿元 in billions or millions of yuan', () => {
    expect(englishAmounts([21.76], '亿元', '100m yuan')).toEqual({ texts: ['2.18'], unit: 'billion yuan' });
    expect(englishAmounts([0.5], '亿元', '100m yuan')).toEqual({ texts: ['50'], unit: 'million yuan' });
  });
  it('reads 万m² in square metres, or millions of them', () => {
    expect(englishAmounts([15.35], '万m²', '10k m²')).toEqual({ texts: ['153,500'], unit: 'm²' });
    expect(englishAmounts([200], '万m²', '10k m²')).toEqual({ texts: ['2'], unit: 'million m²' });
  });
  it('puts values shown together on one scale', () => {
    expect(englishAmounts([15.35, 200], '万m²', '10k m²')).toEqual({ texts: ['0.15', '2'], unit: 'million m²' });
  });
  it('leaves other units alone', () => {
    expect(englishAmounts([38.3], '分', 'pts')).toEqual({ texts: ['38.3'], unit: 'pts' });
    expect(englishAmounts([2771], '家', '')).toEqual({ texts: ['2,771'], unit: '' });
  });
});
