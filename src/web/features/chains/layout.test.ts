import { describe, expect, it } from 'vitest';
import type { TChainTemplate } from '../../../contracts/chains';
import { layoutChain, textWidth, wrapLabel } from './layout';

describe('wrapLabel', () => {
  it('keeps a short label on one line and breaks Latin text at spaces', () => {
    expect(wrapLabel('光纤', 100)).toEqual(['光纤']);
    expect(wrapLabel('Laser processing equipment', 120)).toEqual(['Laser processing', 'equipment']);
  });
  it('breaks Chinese between characters and cuts a third line with …', () => {
    const lines = wrapLabel('液晶材料与OLED有机发光材料与其他很多很多材料', 96);
    expect(lines).toHaveLength(2);
    expect(lines[1]?.endsWith('…')).toBe(true);
    for (const l of lines) expect(textWidth(l)).toBeLessThanOrEqual(96 + 12);
  });
});

describe('layoutChain', () => {
  const node = (id: string, stage: string, parent: string | null = null, group = false) => ({
    id,
    nameZh: id,
    nameEn: id,
    stage,
    parent,
    group,
    suppliesExternal: false,
    keywords: [],
    classes: [],
    keyLink: false,
    bottleneck: null,
    sourceTags: [],
  });
  const t = {
    code: 'x',
    version: 1,
    nameZh: 'x',
    nameEn: 'x',
    description: 'x',
    basis: 'x',
    sources: [],
    nodes: [
      node('x.a', 'upstream'),
      node('x.g', 'upstream', null, true),
      node('x.g1', 'upstream', 'x.g'),
      node('x.g2', 'upstream', 'x.g'),
      node('x.b', 'midstream'),
      node('x.c', 'downstream'),
    ],
    edges: [
      { from: 'x.a', to: 'x.g1', kind: 'supplies' },
      { from: 'x.g2', to: 'x.b', kind: 'supplies' },
      { from: 'x.b', to: 'x.c', kind: 'supplies' },
    ],
  } as unknown as TChainTemplate;

  it('puts stages left to right, a group above its children, and no two boxes over each other', () => {
    const l = layoutChain(t, 900, (id) => `节点${id}`);
    const at = (id: string) => l.boxes.find((b) => b.id === id)!;
    expect(at('x.a').x).toBeLessThan(at('x.b').x);
    expect(at('x.b').x).toBeLessThan(at('x.c').x);
    expect(at('x.g').header).toBe(true);
    expect(at('x.g').y).toBeLessThan(at('x.g1').y);
    expect(at('x.g1').y).toBeLessThan(at('x.g2').y);
    for (const p of l.boxes)
      for (const q of l.boxes) {
        if (p === q) continue;
        const apart = Math.abs(p.x - q.x) * 2 >= p.w + q.w || Math.abs(p.y - q.y) * 2 >= p.h + q.h;
        expect(apart, `${p.id} / ${q.id}`).toBe(true);
      }
    expect(l.bands.map((b) => b.stage)).toEqual(['upstream', 'midstream', 'downstream']);
  });
});

describe('layoutChain on the shipped templates', () => {
  it('lays every shipped chain out without overlapping boxes at 1366×768 and on paper', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const dir = new URL('../../../../data/chains/', import.meta.url);
    const files = readdirSync(dir).filter((f) => /^[a-z]+\.json$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(11);
    for (const f of files) {
      const t = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as TChainTemplate;
      if (!Array.isArray(t.nodes)) continue;
      for (const width of [870, 1050]) {
        const l = layoutChain(t, width, (id) => t.nodes.find((n) => n.id === id)?.nameZh ?? id);
        expect(l.boxes).toHaveLength(t.nodes.length);
        for (const p of l.boxes)
          for (const q of l.boxes) {
            if (p === q) continue;
            const apart = Math.abs(p.x - q.x) * 2 >= p.w + q.w || Math.abs(p.y - q.y) * 2 >= p.h + q.h;
            expect(apart, `${f} ${width}: ${p.id} / ${q.id}`).toBe(true);
          }
      }
    }
  });
});
