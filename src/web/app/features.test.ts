import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { activeNavKey, collectFeatures, FEATURES } from './features';
import { collectMessages, featuresEn, featuresZh } from './i18n/feature-messages';

const dir = join(import.meta.dirname, '../features');
const foldersWith = (file: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && readdirSync(join(dir, d.name)).includes(file))
    .map((d) => d.name);

const keysOf = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keysOf(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );

describe('web features found by folder', () => {
  it('has one feature per folder with a feature.tsx, in their order', () => {
    expect(FEATURES.length).toBe(foldersWith('feature.tsx').length);
    expect(FEATURES.length).toBeGreaterThan(15);
    const orders = FEATURES.map((f) => f.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    expect(FEATURES[0]?.name).toBe('home');
  });

  it('refuses a folder exporting no feature and a name taken twice', () => {
    const f = { name: 'x', order: 1 };
    expect(() => collectFeatures({ a: { f }, b: { g: { ...f } } })).toThrow(/twice/);
    expect(() => collectFeatures({ a: { nothing: 1 } })).toThrow(/must export one WebFeature/);
  });

  it("takes every feature's messages under its namespace, zh and en with the same keys", () => {
    expect(Object.keys(featuresZh).length).toBe(foldersWith('messages.ts').length);
    expect(Object.keys(featuresZh)).toContain('invest');
    expect(keysOf(featuresEn).sort()).toEqual(keysOf(featuresZh).sort());
    expect(() =>
      collectMessages({ a: { namespace: 'n', zh: {}, en: {} }, b: { namespace: 'n', zh: {}, en: {} } }),
    ).toThrow(/taken twice/);
  });
});

describe('the side-menu entry of a page', () => {
  const keys = ['/', '/space', '/space/planner', '/cockpit', '/cockpit/targets', '/admin/users', '/enterprises'];
  it('is the entry with the longest path the page lies under', () => {
    expect(activeNavKey('/space/planner', keys)).toBe('/space/planner');
    expect(activeNavKey('/space', keys)).toBe('/space');
    expect(activeNavKey('/cockpit/targets', keys)).toBe('/cockpit/targets');
    expect(activeNavKey('/enterprises/12/edit', keys)).toBe('/enterprises');
    expect(activeNavKey('/admin/users', keys)).toBe('/admin/users');
    expect(activeNavKey('/', keys)).toBe('/');
  });
  it('matches whole path segments only, and home only on itself', () => {
    expect(activeNavKey('/spaceship', keys)).toBeUndefined();
    expect(activeNavKey('/inbox', keys)).toBeUndefined();
  });
  it('finds an entry for every route a menu entry names', () => {
    const all = FEATURES.flatMap((f) => f.nav ?? []).map((n) => n.key);
    for (const k of all) expect(activeNavKey(k, all)).toBe(k);
  });
});
