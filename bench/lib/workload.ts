/**
 * The measured queries: search through the application's search use case, filtered and sorted lists
 * through listResource (the function behind every list endpoint), and the naive baselines — the same
 * work with index scans switched off (`enable_indexscan`, `enable_bitmapscan`, `enable_indexonlyscan`
 * = off for the transaction), search as a plain `name ILIKE '%q%'` over the four tables.
 */

import { CHAIN_CODES, ENTERPRISE_SCALES } from '../../src/contracts/enums.js';
import type { Db } from '../../src/db/connect.js';
import { pinyinKeys } from '../../src/domain/search/keys.js';
import { listResource } from '../../src/server/lib/resource.js';
import { buildings, enterprises, parks } from '../../src/server/modules/registry/specs.js';
import { search } from '../../src/server/modules/search/search.js';
import { type Dataset, rng } from './dataset.js';

export interface Query {
  kind: string;
  label: string;
  run(db: Db): Promise<number>;
  naive(db: Db): Promise<unknown>;
  /** Intended enterprise, when there is one: counted as found if it is among the hits. */
  target?: number;
}

const NO_INDEXES = ['enable_indexscan', 'enable_bitmapscan', 'enable_indexonlyscan'];
async function withoutIndexes<T>(db: Db, fn: (t: Db) => Promise<T>): Promise<T> {
  return db.tx(async (t) => {
    for (const s of NO_INDEXES) await t.query(`select set_config('${s}', 'off', true)`);
    return fn(t);
  });
}

const naiveSearch = (q: string) => (db: Db) =>
  withoutIndexes(db, async (t) => {
    let n = 0;
    for (const table of ['parks', 'buildings', 'enterprises', 'institutions']) {
      const rows = await t.query(`select id, name from ${table} where name ilike $1 limit 20`, [`%${q}%`]);
      n += rows.length;
    }
    return n;
  });

function swapInside(s: string, r: ReturnType<typeof rng>): string {
  if (s.length < 5) return s;
  const i = 2 + r.int(s.length - 3);
  return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
}

/** About n search queries of mixed kinds, built from sampled rows so each has an intended answer. */
export function searchQueries(ds: Dataset, n: number, seed: number): Query[] {
  const r = rng(seed);
  const kinds = ['zh-2', 'zh-4', 'initials', 'pinyin', 'pinyin-typo', 'credit-code', 'park-zh'];
  const out: Query[] = [];
  for (let i = 0; i < n; i++) {
    const kind = kinds[i % kinds.length] as string;
    const s = r.pick(ds.samples);
    let q: string;
    let target: number | undefined = s.id;
    switch (kind) {
      case 'zh-2':
        q = s.brand;
        break;
      case 'zh-4':
        q = s.brand + s.industry;
        break;
      case 'initials':
        q = pinyinKeys(s.brand + s.industry).initials;
        break;
      case 'pinyin':
        q = pinyinKeys(s.brand).joined;
        break;
      case 'pinyin-typo':
        q = swapInside(pinyinKeys(s.brand + s.industry).joined, r);
        break;
      case 'credit-code':
        q = r.chance(0.5) ? s.creditCode : s.creditCode.slice(0, 12);
        break;
      default: {
        const p = r.pick(ds.parkSamples);
        q = p.name.slice(p.name.indexOf(p.brand), p.name.indexOf(p.brand) + 4);
        target = undefined;
      }
    }
    out.push({
      kind,
      label: q,
      target,
      run: async (db) => {
        const res = await search({ q, limit: 20 }, { db });
        return target !== undefined && res.items.some((h) => h.type === 'enterprise' && h.id === target) ? 1 : 0;
      },
      naive: naiveSearch(q),
    });
  }
  return out;
}

/** About n list queries of five kinds, through listResource with the API's parameters. */
export function listQueries(ds: Dataset, n: number, seed: number): Query[] {
  const r = rng(seed);
  const region = () => (r.chance(0.7) ? r.pick(ds.wuhanDistricts) : r.pick(ds.regions).code);
  const makers: [string, () => [typeof enterprises, Record<string, unknown>]][] = [
    [
      'enterprises region+division by name',
      () => [enterprises, { regionCode: region(), industryClassCode: r.pick(ds.divisions), sort: 'name' }],
    ],
    ['enterprises region by -foundedOn', () => [enterprises, { regionCode: region(), sort: '-foundedOn' }]],
    [
      'enterprises class+scale by name',
      () => [enterprises, { industryClassCode: r.pick(ds.classes), scale: r.pick(ENTERPRISE_SCALES), sort: 'name' }],
    ],
    ['parks industry by name', () => [parks, { industry: r.pick(CHAIN_CODES), sort: 'name' }]],
    ['buildings in park (with sub-parks) by code', () => [buildings, { parkId: 1 + r.int(1000), sort: 'code' }]],
  ];
  const out: Query[] = [];
  for (let i = 0; i < n; i++) {
    const [kind, make] = makers[i % makers.length]!;
    const [spec, filters] = make();
    const query = { limit: 50, offset: 0, ...filters };
    out.push({
      kind,
      label: JSON.stringify(filters),
      run: async (db) => (await listResource(db, spec, query)).items.length,
      naive: (db) => withoutIndexes(db, (t) => listResource(t, spec, query)),
    });
  }
  return out;
}

/**
 * About n list queries with `q` (the list endpoints' search box), through listResource: a firm's
 * two-character brand (江丰), brand + industry (江丰电子), the brand's pinyin (jiangfeng), and a brand
 * within a district. The naive column here is the previous implementation, not index scans off:
 * `search_keys ILIKE '%q%'` (what the specs did before they named their search-keys column).
 */
export function listSearchQueries(ds: Dataset, n: number, seed: number): Query[] {
  const r = rng(seed);
  const before = { ...enterprises, searchKeys: undefined, search: ['t.search_keys'] };
  const kinds = ['q zh-2', 'q zh-4', 'q pinyin', 'q zh-2 + district'] as const;
  const out: Query[] = [];
  for (let i = 0; i < n; i++) {
    const kind = kinds[i % kinds.length]!;
    const s = r.pick(ds.samples);
    const q = kind === 'q zh-4' ? s.brand + s.industry : kind === 'q pinyin' ? pinyinKeys(s.brand).joined : s.brand;
    const filters: Record<string, unknown> = { q, sort: 'name' };
    if (kind === 'q zh-2 + district') filters.regionCode = r.pick(ds.wuhanDistricts);
    const query = { limit: 50, offset: 0, ...filters };
    out.push({
      kind,
      label: JSON.stringify(filters),
      target: kind === 'q zh-2 + district' ? undefined : s.id,
      run: async (db) => {
        const page = await listResource(db, enterprises, query);
        return page.total > 0 ? 1 : 0;
      },
      naive: (db) => listResource(db, before, query),
    });
  }
  return out;
}
