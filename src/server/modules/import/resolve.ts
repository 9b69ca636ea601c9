/**
 * Per-kind knowledge the importer needs beyond the column list: how a typed row becomes an API input
 * (codes resolved to ids), which existing row it matches, and which checks the database supplies.
 * Lookups are loaded in batches for the keys a file mentions, so a 100 k-row file costs a handful of
 * queries, not one per row.
 */
import type { z } from 'zod';
import {
  ZBuildingInput,
  ZEnterpriseInput,
  ZFloorInput,
  ZMetricInput,
  ZOccupancyInput,
  ZParkInput,
  ZSource,
  ZSupplyLinkInput,
  ZUnitInput,
} from '../../../contracts/registry.js';
import type { Db } from '../../../db/connect.js';
import type { ImportKind } from '../../../domain/import/kinds.js';
import type { ResourceSpec } from '../../lib/resource.js';
import * as specs from '../registry/specs.js';

export interface Issue {
  field: string;
  code: string;
  zh: string;
  en: string;
}
export type Rec = Record<string, unknown>;

export interface Resolved {
  /** API input for the schema (ids in place of codes); undefined when a reference failed. */
  input?: Rec;
  /** Natural key, unique within the kind. */
  key: string;
  issues: Issue[];
}

export interface KindRuntime {
  spec: ResourceSpec;
  schema: z.ZodObject<z.ZodRawShape>;
  /** Loads what resolve() will need for these rows. */
  prepare(db: Db, recs: Rec[]): Promise<void>;
  resolve(rec: Rec): Resolved;
  /** Existing rows (API-shaped, with id and version) for these natural keys. */
  existing(db: Db, keys: string[]): Promise<Map<string, Rec>>;
}

/** Sources are not a REST resource (their ids are text) but import and export like one. */
const SOURCES_SPEC = {
  name: 'sources',
  table: 'sources',
  input: ZSource,
  sort: {},
  defaultSort: 'id',
  select: 'select * from sources',
  tag: '',
  output: ZSource,
} as unknown as ResourceSpec;

const issue = (field: string, code: string, zh: string, en: string): Issue => ({ field, code, zh, en });
const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const unknownRef = (field: string, what: { zh: string; en: string }, value: unknown) =>
  issue(field, 'reference_not_found', `${what.zh}"${s(value)}"不存在`, `${what.en} "${s(value)}" does not exist`);

/** Company-name normal form for spotting near-identical names: no spaces, brackets unified, no legal suffix. */
export function normalizeName(name: string): string {
  return name
    .replace(/[\s\u3000]/g, '')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/(股份有限公司|有限责任公司|有限公司|集团|公司)$/g, '')
    .toLowerCase();
}

async function rowsToMap(rows: Rec[], keyOf: (r: Rec) => string): Promise<Map<string, Rec>> {
  const { present } = await import('../../lib/sql.js');
  const m = new Map<string, Rec>();
  for (const r of rows) {
    const p = present<Rec>(r);
    m.set(keyOf(p), p);
  }
  return m;
}

/** Shared lookups: regions by code or name, parks by code, buildings, floors, units, enterprises. */
export class Lookups {
  regionByCode = new Set<string>();
  regionByName = new Map<string, string | null>(); // null: ambiguous
  parks = new Map<string, number>();
  buildings = new Map<string, { id: number; floorsAbove: number; floorsBelow: number }>();
  floors = new Map<string, number>();
  units = new Map<string, number>();
  enterprisesByCode = new Map<string, number>();
  enterprisesByName = new Map<string, number>();

  constructor(readonly db: Db) {}

  async loadRegions() {
    if (this.regionByCode.size) return;
    const rows = await this.db.query<{ code: string; name: string }>('select code, name from regions order by code');
    for (const r of rows) {
      this.regionByCode.add(r.code.trim());
      const prev = this.regionByName.get(r.name);
      // Wuhan's districts win over same-named places elsewhere.
      if (prev === undefined || r.code.startsWith('4201')) this.regionByName.set(r.name, r.code.trim());
      else if (prev !== null && !prev.startsWith('4201')) this.regionByName.set(r.name, null);
    }
  }

  region(v: unknown): string | null | undefined {
    const t = s(v);
    if (/^\d{6}$/.test(t)) return this.regionByCode.has(t) ? t : undefined;
    const byName = this.regionByName.get(t);
    return byName === null ? null : byName;
  }

  async loadParks() {
    this.parks.clear();
    for (const r of await this.db.query<{ id: number; code: string }>('select id, code from parks'))
      this.parks.set(r.code, r.id);
  }

  async loadBuildings(parkCodes: string[]) {
    const rows = await this.db.query<{
      id: number;
      code: string;
      park_code: string;
      floors_above: number;
      floors_below: number;
    }>(
      `select b.id, b.code, p.code as park_code, b.floors_above, b.floors_below from buildings b join parks p on p.id = b.park_id
        where p.code = any($1::text[])`,
      [parkCodes],
    );
    for (const r of rows)
      this.buildings.set(`${r.park_code}/${r.code}`, {
        id: r.id,
        floorsAbove: r.floors_above,
        floorsBelow: r.floors_below,
      });
  }

  async loadFloorsAndUnits(parkCodes: string[]) {
    const rows = await this.db.query<{
      fid: number;
      uid: number | null;
      ucode: string | null;
      floor_no: number;
      bcode: string;
      pcode: string;
    }>(
      `select f.id as fid, u.id as uid, u.code as ucode, f.floor_no, b.code as bcode, p.code as pcode
         from floors f join buildings b on b.id = f.building_id join parks p on p.id = b.park_id
         left join units u on u.floor_id = f.id where p.code = any($1::text[])`,
      [parkCodes],
    );
    for (const r of rows) {
      const fk = `${r.pcode}/${r.bcode}/${r.floor_no}`;
      this.floors.set(fk, r.fid);
      if (r.uid !== null) this.units.set(`${fk}/${r.ucode}`, r.uid);
    }
  }

  async loadEnterprises(codes: string[], names: string[]) {
    const rows = await this.db.query<{ id: number; credit_code: string | null; name: string }>(
      'select id, credit_code, name from enterprises where credit_code = any($1::text[]) or name = any($2::text[])',
      [codes, names],
    );
    for (const r of rows) {
      if (r.credit_code) this.enterprisesByCode.set(r.credit_code, r.id);
      this.enterprisesByName.set(r.name, r.id);
    }
  }

  enterprise(code: unknown, name: unknown): number | undefined {
    const c = s(code).toUpperCase();
    if (c) return this.enterprisesByCode.get(c);
    return name ? this.enterprisesByName.get(s(name)) : undefined;
  }
}

const distinct = (recs: Rec[], field: string) => [...new Set(recs.map((r) => s(r[field])).filter(Boolean))];
const enterpriseKey = (code: unknown, name: unknown) => (s(code) ? `code:${s(code).toUpperCase()}` : `name:${s(name)}`);

export function runtimes(db: Db): Record<ImportKind, KindRuntime> {
  const L = new Lookups(db);
  const parkOf = (rec: Rec, issues: Issue[]) => {
    const id = L.parks.get(s(rec.parkCode));
    if (id === undefined) issues.push(unknownRef('parkCode', { zh: '园区编码', en: 'Park code' }, rec.parkCode));
    return id;
  };
  const buildingOf = (rec: Rec, issues: Issue[]) => {
    const b = L.buildings.get(`${s(rec.parkCode)}/${s(rec.buildingCode)}`);
    if (!b && L.parks.has(s(rec.parkCode)))
      issues.push(unknownRef('buildingCode', { zh: '楼宇编码', en: 'Building code' }, rec.buildingCode));
    return b;
  };
  const enterpriseOf = (rec: Rec, codeField: string, nameField: string, issues: Issue[]) => {
    if (!s(rec[codeField]) && !s(rec[nameField])) {
      issues.push(
        issue(nameField, 'required', '须填写统一社会信用代码或企业名称', 'give a credit code or an enterprise name'),
      );
      return undefined;
    }
    const id = L.enterprise(rec[codeField], rec[nameField]);
    if (id === undefined) {
      const field = s(rec[codeField]) ? codeField : nameField;
      issues.push(unknownRef(field, { zh: '企业', en: 'Enterprise' }, rec[field]));
    }
    return id;
  };
  const prepUnits = async (recs: Rec[]) => {
    await L.loadParks();
    const parks = distinct(recs, 'parkCode');
    await L.loadBuildings(parks);
    await L.loadFloorsAndUnits(parks);
  };
  const prepEnterprises = async (recs: Rec[], pairs: [string, string][]) => {
    const codes = pairs.flatMap(([c]) => distinct(recs, c).map((x) => x.toUpperCase()));
    const names = pairs.flatMap(([, n]) => distinct(recs, n));
    await L.loadEnterprises(codes, names);
  };
  const byKeys = async (sql: string, params: unknown[], keyOf: (r: Rec) => string) =>
    rowsToMap(await db.query(sql, params), keyOf);

  return {
    sources: {
      spec: SOURCES_SPEC,
      schema: ZSource,
      prepare: async () => {},
      resolve: (rec) => ({ input: rec, key: s(rec.id), issues: [] }),
      existing: (_db, keys) => byKeys('select * from sources where id = any($1::text[])', [keys], (r) => s(r.id)),
    },
    parks: {
      spec: specs.parks,
      schema: ZParkInput,
      async prepare() {
        await L.loadRegions();
        await L.loadParks();
      },
      resolve(rec) {
        const issues: Issue[] = [];
        const regionCode = L.region(rec.regionCode);
        if (rec.regionCode && regionCode === undefined)
          issues.push(unknownRef('regionCode', { zh: '行政区划', en: 'District' }, rec.regionCode));
        if (regionCode === null)
          issues.push(
            issue(
              'regionCode',
              'ambiguous',
              `区名"${s(rec.regionCode)}"不唯一，请填写6位代码`,
              `"${s(rec.regionCode)}" is ambiguous: use the 6-digit code`,
            ),
          );
        if (rec.parentCode && rec.parentCode === rec.code)
          issues.push(issue('parentCode', 'cycle', '上级园区不能是自己', 'a park cannot contain itself'));
        // parentCode may name a park created by an earlier row of the same file: the writer resolves it.
        const { parentCode: _p, ...rest } = rec;
        return { input: { ...rest, regionCode: regionCode ?? rec.regionCode }, key: s(rec.code), issues };
      },
      existing: (_db, keys) =>
        byKeys(
          'select p.*, pp.code as parent_code from parks p left join parks pp on pp.id = p.parent_id where p.code = any($1::text[])',
          [keys],
          (r) => s(r.code),
        ),
    },
    buildings: {
      spec: specs.buildings,
      schema: ZBuildingInput,
      prepare: async () => {
        await L.loadParks();
      },
      resolve(rec) {
        const issues: Issue[] = [];
        const parkId = parkOf(rec, issues);
        const { parkCode: _p, ...rest } = rec;
        return {
          input: parkId === undefined ? undefined : { ...rest, parkId },
          key: `${s(rec.parkCode)}/${s(rec.code)}`,
          issues,
        };
      },
      existing: (_db, keys) =>
        byKeys(
          `select b.*, p.code as park_code from buildings b join parks p on p.id = b.park_id
            where p.code || '/' || b.code = any($1::text[])`,
          [keys],
          (r) => `${s(r.parkCode)}/${s(r.code)}`,
        ),
    },
    floors: {
      spec: specs.floors,
      schema: ZFloorInput,
      prepare: async (_db, recs) => prepUnits(recs),
      resolve(rec) {
        const issues: Issue[] = [];
        parkOf(rec, issues);
        const b = buildingOf(rec, issues);
        const floorNo = rec.floorNo as number | null;
        if (b && typeof floorNo === 'number') {
          const inside = floorNo > 0 ? floorNo <= b.floorsAbove : -floorNo <= b.floorsBelow;
          if (!inside) {
            issues.push(
              issue(
                'floorNo',
                'floor_out_of_range',
                `楼宇地上 ${b.floorsAbove} 层、地下 ${b.floorsBelow} 层`,
                `the building has ${b.floorsAbove} floors above and ${b.floorsBelow} below ground`,
              ),
            );
          }
        }
        const { parkCode: _p, buildingCode: _b, ...rest } = rec;
        return {
          input: b ? { ...rest, buildingId: b.id } : undefined,
          key: `${s(rec.parkCode)}/${s(rec.buildingCode)}/${s(floorNo)}`,
          issues,
        };
      },
      existing: (_db, keys) =>
        byKeys(
          `select f.*, b.code as building_code, p.code as park_code from floors f join buildings b on b.id = f.building_id
             join parks p on p.id = b.park_id where p.code || '/' || b.code || '/' || f.floor_no = any($1::text[])`,
          [keys],
          (r) => `${s(r.parkCode)}/${s(r.buildingCode)}/${s(r.floorNo)}`,
        ),
    },
    units: {
      spec: specs.units,
      schema: ZUnitInput,
      prepare: async (_db, recs) => prepUnits(recs),
      resolve(rec) {
        const issues: Issue[] = [];
        parkOf(rec, issues);
        const b = buildingOf(rec, issues);
        const fk = `${s(rec.parkCode)}/${s(rec.buildingCode)}/${s(rec.floorNo)}`;
        const floorId = L.floors.get(fk);
        if (b && floorId === undefined) issues.push(unknownRef('floorNo', { zh: '楼层', en: 'Floor' }, rec.floorNo));
        const { parkCode: _p, buildingCode: _b, floorNo: _f, ...rest } = rec;
        return { input: floorId === undefined ? undefined : { ...rest, floorId }, key: `${fk}/${s(rec.code)}`, issues };
      },
      existing: (_db, keys) =>
        byKeys(
          `select u.*, f.floor_no, b.code as building_code, p.code as park_code from units u join floors f on f.id = u.floor_id
             join buildings b on b.id = f.building_id join parks p on p.id = b.park_id
            where p.code || '/' || b.code || '/' || f.floor_no || '/' || u.code = any($1::text[])`,
          [keys],
          (r) => `${s(r.parkCode)}/${s(r.buildingCode)}/${s(r.floorNo)}/${s(r.code)}`,
        ),
    },
    enterprises: {
      spec: specs.enterprises,
      schema: ZEnterpriseInput,
      prepare: async () => {
        await L.loadRegions();
      },
      resolve(rec) {
        const issues: Issue[] = [];
        let regionCode = rec.regionCode;
        if (rec.regionCode) {
          const r = L.region(rec.regionCode);
          if (r === undefined)
            issues.push(unknownRef('regionCode', { zh: '行政区划', en: 'District' }, rec.regionCode));
          else if (r === null)
            issues.push(
              issue('regionCode', 'ambiguous', '区名不唯一，请填写6位代码', 'ambiguous name: use the 6-digit code'),
            );
          else regionCode = r;
        }
        const creditCode = rec.creditCode ? s(rec.creditCode).replace(/\s+/g, '').toUpperCase() : rec.creditCode;
        return { input: { ...rec, creditCode, regionCode }, key: enterpriseKey(creditCode, rec.name), issues };
      },
      async existing(_db, keys) {
        const codes = keys.filter((k) => k.startsWith('code:')).map((k) => k.slice(5));
        const names = keys.filter((k) => k.startsWith('name:')).map((k) => k.slice(5));
        const rows = await db.query(
          'select * from enterprises where credit_code = any($1::text[]) or (credit_code is null and name = any($2::text[]))',
          [codes, names],
        );
        const m = await rowsToMap(rows, (r) => enterpriseKey(r.creditCode, r.name));
        // A file row without a code also matches an existing row with that exact name.
        for (const r of rows) {
          const p = [...m.values()].find((x) => x.id === r.id);
          if (p) m.set(`name:${s(p.name)}`, p);
        }
        return m;
      },
    },
    occupancies: {
      spec: specs.occupancies,
      schema: ZOccupancyInput,
      prepare: async (_db, recs) => {
        await prepUnits(recs);
        await prepEnterprises(recs, [['creditCode', 'enterpriseName']]);
      },
      resolve(rec) {
        const issues: Issue[] = [];
        const enterpriseId = enterpriseOf(rec, 'creditCode', 'enterpriseName', issues);
        parkOf(rec, issues);
        const b = buildingOf(rec, issues);
        const uk = `${s(rec.parkCode)}/${s(rec.buildingCode)}/${s(rec.floorNo)}/${s(rec.unitCode)}`;
        const unitId = L.units.get(uk);
        if (b && unitId === undefined)
          issues.push(unknownRef('unitCode', { zh: '单元', en: 'Unit' }, `${s(rec.floorNo)}F ${s(rec.unitCode)}`));
        const {
          creditCode: _c,
          enterpriseName: _n,
          parkCode: _p,
          buildingCode: _b,
          floorNo: _f,
          unitCode: _u,
          ...rest
        } = rec;
        const ok = enterpriseId !== undefined && unitId !== undefined;
        return {
          input: ok ? { ...rest, enterpriseId, unitId } : undefined,
          key: `${s(enterpriseId ?? enterpriseKey(rec.creditCode, rec.enterpriseName))}/${s(unitId ?? uk)}/${s(rec.startedOn)}`,
          issues,
        };
      },
      existing: (_db, keys) =>
        byKeys(
          `select * from occupancies where enterprise_id || '/' || unit_id || '/' || coalesce(started_on::text, '') = any($1::text[])`,
          [keys],
          (r) => `${s(r.enterpriseId)}/${s(r.unitId)}/${s(r.startedOn)}`,
        ),
    },
    metrics: {
      spec: specs.metrics,
      schema: ZMetricInput,
      prepare: async (_db, recs) => prepEnterprises(recs, [['creditCode', 'enterpriseName']]),
      resolve(rec) {
        const issues: Issue[] = [];
        const enterpriseId = enterpriseOf(rec, 'creditCode', 'enterpriseName', issues);
        const { creditCode: _c, enterpriseName: _n, ...rest } = rec;
        return {
          input: enterpriseId === undefined ? undefined : { ...rest, enterpriseId },
          key: `${s(enterpriseId ?? enterpriseKey(rec.creditCode, rec.enterpriseName))}/${s(rec.year)}`,
          issues,
        };
      },
      existing: (_db, keys) =>
        byKeys(
          `select * from enterprise_metrics where enterprise_id || '/' || year = any($1::text[])`,
          [keys],
          (r) => `${s(r.enterpriseId)}/${s(r.year)}`,
        ),
    },
    'supply-links': {
      spec: specs.supplyLinks,
      schema: ZSupplyLinkInput,
      prepare: async (_db, recs) =>
        prepEnterprises(recs, [
          ['supplierCreditCode', 'supplierName'],
          ['customerCreditCode', 'customerName'],
        ]),
      resolve(rec) {
        const issues: Issue[] = [];
        const supplierId = enterpriseOf(rec, 'supplierCreditCode', 'supplierName', issues);
        const customerId = enterpriseOf(rec, 'customerCreditCode', 'customerName', issues);
        const { supplierCreditCode: _a, supplierName: _b, customerCreditCode: _c, customerName: _d, ...rest } = rec;
        const ok = supplierId !== undefined && customerId !== undefined;
        return {
          input: ok ? { ...rest, supplierId, customerId } : undefined,
          key: `${s(supplierId ?? enterpriseKey(rec.supplierCreditCode, rec.supplierName))}/${s(customerId ?? enterpriseKey(rec.customerCreditCode, rec.customerName))}/${s(rec.product)}`,
          issues,
        };
      },
      existing: (_db, keys) =>
        byKeys(
          `select * from supply_links where supplier_id || '/' || customer_id || '/' || product = any($1::text[])`,
          [keys],
          (r) => `${s(r.supplierId)}/${s(r.customerId)}/${s(r.product)}`,
        ),
    },
  };
}
