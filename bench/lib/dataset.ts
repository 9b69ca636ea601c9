/**
 * A synthetic city-and-country registry for benchmarks: enterprises, parks, buildings and institutions
 * with Chinese names built from syllable pools (city + brand + industry + legal form, so pinyin and
 * initials are realistic), valid credit codes, GB/T 4754 classes and GB/T 2260 districts. Rows are
 * written as PostgreSQL COPY text, in chunks, with search_keys computed by the application's own code.
 * Deterministic for a seed.
 */
import {
  BUILDING_TYPES,
  CHAIN_CODES,
  ENTERPRISE_SCALES,
  type PARK_KINDS,
  PARK_LEVELS,
} from '../../src/contracts/enums.js';
import { pinyinKeys } from '../../src/domain/search/keys.js';
import { makeUscc, USCC_ALPHABET } from '../../src/domain/uscc.js';
import { keysOf } from '../../src/server/modules/search/sources.js';

export const BRAND_CHARS = [
  ...'江丰华中长天新光明科泰恒达盛信宏远鑫源德瑞嘉兴和通安隆利祥鼎凯博智航宇星海云峰金银龙凤东楚汉荆武昌汇聚众创联合百川万方永昌正大广源晶芯微纳锐思拓展卓越精诚立讯同济国华世纪晨阳蓝天绿洲',
  ...'金桥启明辰光高德开元景泰中科睿达清源鸿运腾飞振华佳禾宝丰福瑞致远天成华星长虹中兴京东烽火楚天江城',
];
export const INDUSTRIES: [string, string][] = [
  ['电子', 'Electronics'],
  ['光电', 'Optoelectronics'],
  ['科技', 'Technology'],
  ['材料', 'Materials'],
  ['生物', 'Biotech'],
  ['医药', 'Pharmaceutical'],
  ['智能', 'Intelligent Systems'],
  ['汽车', 'Automotive'],
  ['新能源', 'New Energy'],
  ['信息技术', 'Information Technology'],
  ['软件', 'Software'],
  ['通信', 'Communications'],
  ['精密机械', 'Precision Machinery'],
  ['物流', 'Logistics'],
  ['半导体', 'Semiconductor'],
  ['激光', 'Laser'],
  ['航天', 'Aerospace'],
  ['环保', 'Environmental'],
  ['化工', 'Chemicals'],
  ['装备', 'Equipment'],
  ['医疗器械', 'Medical Devices'],
  ['数据', 'Data'],
  ['网络', 'Network'],
  ['芯片', 'Chips'],
];
const FORMS = ['有限公司', '有限公司', '有限公司', '股份有限公司', '有限责任公司', '集团有限公司'];
const PRODUCTS = [
  ...['靶材', '光模块', '芯片', '传感器', '锂电池', '激光器', '显示面板', '医疗器械', '工业软件', '工业机器人'],
  ...['光纤', '电机', '疫苗', '试剂', '导航终端', '服务器', '数控机床', '新材料', '化学品', '无人机'],
];
const PARK_WORDS: [string, (typeof PARK_KINDS)[number]][] = [
  ['产业园', 'characteristic_park'],
  ['科技园', 'characteristic_park'],
  ['软件园', 'software_park'],
  ['物流园', 'logistics_park'],
  ['经济开发区', 'provincial_zone'],
  ['创新园', 'incubator'],
  ['产业基地', 'industrial_base'],
  ['智造园', 'urban_industrial_park'],
];
const TAGS = ['光谷', '车谷', '星谷', '网谷', '芯谷', '药谷'];
const INSTITUTION_WORDS: [string, string][] = [
  ['研究院', 'research_institute'],
  ['实验室', 'research_institute'],
  ['大学', 'university'],
  ['孵化器', 'incubator'],
  ['创新中心', 'innovation_center'],
  ['检测中心', 'service_center'],
];

/** Small fast deterministic PRNG (mulberry32). */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof rng>;

export type Region = {
  code: string;
  name: string;
  city: string;
};

/** COPY text format: tab-separated, \N for null, backslash escapes. */
const cell = (v: unknown): string => {
  if (v === null || v === undefined) return '\\N';
  if (Array.isArray(v)) return cell(`{${v.map((x) => `"${String(x).replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`);
  return String(v).replace(/[\\\t\n\r]/g, (c) =>
    c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\\\',
  );
};
const line = (vs: unknown[]) => `${vs.map(cell).join('\t')}\n`;

export interface Chunked {
  table: string;
  columns: string[];
  rows: number;
  chunks: string[];
}

/** A sampled enterprise, to build queries whose intended answer is known. */
export interface Sample {
  id: number;
  name: string;
  brand: string;
  industry: string;
  alias: string | null;
  creditCode: string;
}

export interface Dataset {
  tables: Chunked[];
  samples: Sample[];
  parkSamples: { id: number; name: string; brand: string }[];
  regions: Region[];
  wuhanDistricts: string[];
  divisions: string[];
  classes: string[];
}

export interface DatasetOptions {
  enterprises: number;
  parks: number;
  buildings: number;
  institutions: number;
  seed: number;
  regions: Region[];
  /** GB/T 4754 class codes (4 digits). */
  classes: string[];
  chunkRows?: number;
}

const titleCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Generates the dataset; ids are 1…N in row order (the tables are loaded into a fresh database). */
export function generateDataset(o: DatasetOptions, onProgress?: (table: string, done: number) => void): Dataset {
  const r = rng(o.seed);
  const chunkRows = o.chunkRows ?? 50_000;
  const wuhan = o.regions.filter((x) => x.code.startsWith('4201') && x.code !== '420100');
  const wuhanDistricts = wuhan.map((x) => x.code);
  // A city's firms cluster in its own districts; the rest of the country fills the remainder.
  const region = (rr: Rng) => (rr.chance(0.4) ? rr.pick(wuhan) : rr.pick(o.regions));
  const brand = (rr: Rng) => rr.pick(BRAND_CHARS) + rr.pick(BRAND_CHARS);
  const prefix = (rr: Rng, reg: Region) => (rr.chance(0.6) ? reg.city : '');
  const tables: Chunked[] = [];
  const table = (name: string, columns: string[], n: number, row: (i: number) => unknown[]) => {
    const t: Chunked = { table: name, columns, rows: n, chunks: [] };
    let buf: string[] = [];
    for (let i = 1; i <= n; i++) {
      buf.push(line(row(i)));
      if (buf.length === chunkRows || i === n) {
        t.chunks.push(buf.join(''));
        buf = [];
        onProgress?.(name, i);
      }
    }
    tables.push(t);
  };

  const parkSamples: Dataset['parkSamples'] = [];
  table(
    'parks',
    [
      'code',
      'name',
      'kind',
      'level',
      'parent_id',
      'region_code',
      'leading_industries',
      'tags',
      'source_id',
      'synthetic',
      'search_keys',
    ],
    o.parks,
    (i) => {
      const reg = region(r);
      const b = brand(r);
      const [word, kind] = r.pick(PARK_WORDS);
      const name = `${prefix(r, reg)}${b}${word}`;
      const code = `bp-${String(i).padStart(6, '0')}`;
      const tags = r.chance(0.2) ? [r.pick(TAGS)] : [];
      if (parkSamples.length < 500 && r.chance(0.1)) parkSamples.push({ id: i, name, brand: b });
      const parent = i > 1000 && r.chance(0.1) ? 1 + r.int(1000) : null;
      const industries = [...new Set([r.pick(CHAIN_CODES), r.pick(CHAIN_CODES)])].slice(0, 1 + r.int(2));
      return [
        code,
        name,
        kind,
        r.pick(PARK_LEVELS),
        parent,
        reg.code,
        industries,
        tags,
        'bench',
        true,
        keysOf('park', { name, code, tags }),
      ];
    },
  );

  table(
    'buildings',
    [
      'park_id',
      'code',
      'name',
      'type',
      'floors_above',
      'gross_floor_area_m2',
      'leading_industry',
      'completion_year',
      'source_id',
      'synthetic',
      'search_keys',
    ],
    o.buildings,
    (i) => {
      const code = `B${String(i).padStart(6, '0')}`;
      const name = r.chance(0.7)
        ? `${1 + r.int(20)}号楼`
        : `${brand(r)}${r.pick(['大厦', '科技楼', '研发中心', '孵化楼'])}`;
      const floors = 1 + r.int(40);
      return [
        1 + r.int(o.parks),
        code,
        name,
        r.pick(BUILDING_TYPES),
        floors,
        floors * (800 + r.int(2000)),
        r.chance(0.5) ? r.pick(CHAIN_CODES) : null,
        1995 + r.int(30),
        'bench',
        true,
        keysOf('building', { name, code }),
      ];
    },
  );

  const samples: Sample[] = [];
  const sampleEvery = Math.max(1, Math.floor(o.enterprises / 4000));
  table(
    'enterprises',
    [
      'credit_code',
      'credit_code_valid',
      'name',
      'name_en',
      'aliases',
      'industry_class_code',
      'founded_on',
      'scale',
      'region_code',
      'products',
      'source_id',
      'synthetic',
      'search_keys',
    ],
    o.enterprises,
    (i) => {
      const reg = region(r);
      const b = brand(r);
      const [ind, indEn] = r.pick(INDUSTRIES);
      const name = `${prefix(r, reg)}${b}${ind}${r.pick(FORMS)}`;
      const alias = r.chance(0.4) ? `${b}${ind}` : null;
      const nameEn = r.chance(0.2) ? `${titleCase(pinyinKeys(b).joined)} ${indEn} Co., Ltd.` : null;
      let n = i;
      let body = '';
      for (let k = 0; k < 8; k++) {
        body = USCC_ALPHABET[n % 31] + body;
        n = Math.floor(n / 31);
      }
      const creditCode = makeUscc(reg.code, body);
      const products = r.chance(0.5) ? [...new Set([r.pick(PRODUCTS), r.pick(PRODUCTS)])].slice(0, 1 + r.int(2)) : [];
      const founded = `${1990 + r.int(35)}-${String(1 + r.int(12)).padStart(2, '0')}-${String(1 + r.int(28)).padStart(2, '0')}`;
      const aliases = alias ? [alias] : [];
      if (i % sampleEvery === 0) samples.push({ id: i, name, brand: b, industry: ind, alias, creditCode });
      return [
        creditCode,
        true,
        name,
        nameEn,
        aliases,
        r.pick(o.classes),
        founded,
        r.pick(ENTERPRISE_SCALES),
        reg.code,
        products,
        'bench',
        true,
        keysOf('enterprise', { name, nameEn, aliases, creditCode, products }),
      ];
    },
  );

  table(
    'institutions',
    ['name', 'kind', 'park_id', 'region_code', 'source_id', 'synthetic', 'search_keys'],
    o.institutions,
    () => {
      const reg = region(r);
      const [word, kind] = r.pick(INSTITUTION_WORDS);
      const name = `${prefix(r, reg)}${brand(r)}${word}`;
      return [
        name,
        kind,
        r.chance(0.5) ? 1 + r.int(o.parks) : null,
        reg.code,
        'bench',
        true,
        keysOf('institution', { name }),
      ];
    },
  );

  const divisions = [...new Set(o.classes.map((c) => c.slice(0, 2)))];
  return { tables, samples, parkSamples, regions: o.regions, wuhanDistricts, divisions, classes: o.classes };
}
