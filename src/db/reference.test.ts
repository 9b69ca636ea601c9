import { describe, expect, it } from 'vitest';
import { loadIndustryClasses, loadRegions, loadTiers } from './reference.js';

describe('GB/T 4754-2017 industry classes', () => {
  const classes = loadIndustryClasses();
  const byCode = new Map(classes.map((c) => [c.code, c]));

  it('holds the 20 sections and the class count the reference states (1381)', () => {
    expect(classes.filter((c) => c.level === 'section')).toHaveLength(20);
    expect(classes.filter((c) => c.level === 'class')).toHaveLength(1381);
  });

  it('looks up a class by code with its name', () => {
    expect(byCode.get('3976')?.name).toBe('光电子器件制造');
    expect(byCode.get('3985')?.name).toBe('电子专用材料制造');
    expect(byCode.get('6513')?.name).toBe('应用软件开发');
  });

  it('walks every class up to a section through existing parents', () => {
    for (const c of classes.filter((x) => x.level === 'class')) {
      const group = byCode.get(c.parent ?? '');
      const division = byCode.get(group?.parent ?? '');
      const section = byCode.get(division?.parent ?? '');
      expect(section?.level, c.code).toBe('section');
      expect(c.code.startsWith(division?.code ?? '?'), c.code).toBe(true);
    }
  });

  it('keeps the corrected 3741 aircraft manufacturing class', () => {
    expect(byCode.get('3741')).toMatchObject({ level: 'class', parent: '374' });
  });
});

describe('GB/T 2260 regions', () => {
  const regions = loadRegions();
  it('has every province and Wuhan with its 13 districts', () => {
    expect(regions.filter((r) => r.level === 'province').length).toBeGreaterThanOrEqual(31);
    const wuhan = regions.filter((r) => r.parentCode === '420100');
    expect(wuhan).toHaveLength(13);
    expect(wuhan.find((r) => r.code === '420112')?.name).toBe('东西湖区');
  });
  it('gives every region an existing parent', () => {
    const codes = new Set(regions.map((r) => r.code));
    for (const r of regions) if (r.parentCode) expect(codes.has(r.parentCode), r.code).toBe(true);
  });
});

describe('tier catalogue', () => {
  it('orders the three 梯度培育 tiers', () => {
    const t = new Map(loadTiers().map((x) => [x.code, x.rank]));
    expect(t.get('innovative_sme')! < t.get('specialized_sme')!).toBe(true);
    expect(t.get('specialized_sme')! < t.get('little_giant')!).toBe(true);
  });
});
