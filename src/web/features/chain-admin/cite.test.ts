import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TChainTemplate } from './api';
import { asCitation, GK, parseCited, withoutKeys } from './cite';

const templates: TChainTemplate[] = readdirSync('data/chains')
  .filter((f) => f.endsWith('.json') && f !== 'shared.json')
  .map((f) => JSON.parse(readFileSync(`data/chains/${f}`, 'utf8')) as TChainTemplate);

describe('parseCited', () => {
  it('turns bracketed keys and the general-knowledge mark into citations, keeping the text', () => {
    expect(parseCited('supply concentrated abroad [OE6]')).toEqual([
      { text: 'supply concentrated abroad' },
      { tag: 'OE6' },
    ]);
    expect(parseCited('Structure B: [OE7][OE8].')).toEqual([
      { text: 'Structure B:' },
      { tag: 'OE7' },
      { tag: 'OE8' },
      { text: '.' },
    ]);
    expect(withoutKeys('high end led by Japan (GK)')).toBe('high end led by Japan');
    expect(withoutKeys('(GK; humanoid focus)')).toBe('(humanoid focus)');
    expect(withoutKeys('硅料 (+逆变器, GK); [NM2] N-type')).toBe('硅料 (+逆变器); N-type');
    expect(withoutKeys('Laser branch: GK plus [G4] (Hubei)')).toBe('Laser branch: (Hubei)');
    expect(parseCited('(GK)').filter((p) => 'tag' in p)).toEqual([{ tag: GK }]);
  });

  it('leaves no research key in any note, basis or flow of the 11 templates, and every key resolves', () => {
    let notes = 0;
    for (const tpl of templates) {
      const tags = new Set(tpl.sources.map((s) => s.tag));
      const texts = [
        tpl.basis,
        tpl.description,
        ...tpl.sources.map((s) => s.note),
        ...tpl.nodes.flatMap((n) => [n.note, n.classNote, n.suppliesNote]),
      ].filter((x): x is string => Boolean(x));
      for (const text of texts) {
        notes++;
        const parts = parseCited(text);
        const prose = parts.map((p) => ('text' in p ? p.text : '')).join('');
        expect(prose, `${tpl.code}: ${text}`).not.toMatch(/\[[A-Z]+\d*\]|\bGK\b/);
        for (const p of parts) if ('tag' in p) expect(tags.has(p.tag), `${tpl.code}: [${p.tag}] in ${text}`).toBe(true);
      }
    }
    expect(notes).toBeGreaterThan(250);
  });
});

describe('asCitation', () => {
  it('reads a trailing site as the publisher and a trailing date as the date', () => {
    const c = asCitation({
      tag: 'OE1',
      title: '光通信产业链三段式 (cectop.cn)',
      url: 'http://www.cectop.cn/x',
      tier: 'B',
    });
    expect([c.publisher, c.title, c.publishedOn, c.url, c.status]).toEqual([
      'cectop.cn',
      '光通信产业链三段式',
      null,
      'http://www.cectop.cn/x',
      'unverified',
    ]);
    const d = asCitation({ tag: 'G3', title: '《中共中央关于制定…的建议》 (2025-10-28)', tier: 'A' });
    expect([d.publisher, d.title, d.publishedOn]).toEqual([null, '中共中央关于制定…的建议', '2025-10-28']);
  });
});
