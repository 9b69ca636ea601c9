/**
 * Loads the demo dataset (data/demo/*.json, built by hand from the two seed articles, with synthetic
 * fill flagged as such). Records refer to each other by natural keys (park code, building code,
 * enterprise key); every record is validated by the same schemas and checks as the API, and the whole
 * load is one transaction: a bad record aborts it with the file, record and field named.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  ZBuildingInput,
  ZEnterpriseInput,
  ZEventInput,
  ZFloorInput,
  ZInstitutionInput,
  ZKeyFigureInput,
  ZMetricInput,
  ZOccupancyInput,
  ZParkInput,
  ZSource,
  ZSupplyLinkInput,
  ZUnitInput,
} from '../../../contracts/registry.js';
import type { Db } from '../../../db/connect.js';
import { readJson } from '../../../db/reference.js';
import { AppError, issueToProblem } from '../../lib/errors.js';
import { createResource } from '../../lib/resource.js';
import { DEMO_DIR, type DemoSeedContext, SeedError } from '../../platform/module.js';
import { seedCalibratedPopulations } from './seed-calibration.js';
import * as specs from './specs.js';

type Rec = Record<string, unknown>;
const read = (name: string): Rec[] => {
  const path = join(DEMO_DIR, name);
  return existsSync(path) ? readJson<Rec[]>(path) : [];
};

function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const lines = r.error.issues.map((i) => {
      const p = issueToProblem(i, [], value);
      return `  ${where} › ${p.path.join('.')}: ${p.message.zh} / ${p.message.en}`;
    });
    throw new SeedError(`Invalid demo record:\n${lines.join('\n')}`);
  }
  return r.data;
}

async function create(db: Db, spec: specs.Spec, input: Rec, where: string): Promise<number> {
  try {
    const row = await createResource(db, spec, input);
    return row.id as number;
  } catch (err) {
    if (err instanceof AppError) {
      const lines = err.errors.map((p) => `  ${where} › ${p.path.join('.')}: ${p.message.zh} / ${p.message.en}`);
      throw new SeedError(`Demo record rejected (${err.code}):\n${lines.join('\n')}`);
    }
    throw err;
  }
}

function need<T>(map: Map<string, T>, key: unknown, where: string, what: string): T {
  const v = map.get(String(key));
  if (v === undefined) throw new SeedError(`${where}: unknown ${what} "${String(key)}"`);
  return v;
}

/** Whether the demo (or any registry) is loaded: the serve command seeds an empty database only. */
export async function isSeeded(db: Db): Promise<boolean> {
  const [row] = await db.query<{ n: number }>('select count(*)::int as n from parks');
  return (row?.n ?? 0) > 0;
}

export interface SeedSummary {
  parks: number;
  buildings: number;
  floors: number;
  units: number;
  enterprises: number;
  institutions: number;
  supplyLinks: number;
  events: number;
  keyFigures: number;
}

/** The registry's demo records, inside the demo's one transaction; fills ctx's park and enterprise keys. */
export async function seedRegistryDemo(t: Db, ctx: DemoSeedContext): Promise<void> {
  {
    const n: SeedSummary = {
      parks: 0,
      buildings: 0,
      floors: 0,
      units: 0,
      enterprises: 0,
      institutions: 0,
      supplyLinks: 0,
      events: 0,
      keyFigures: 0,
    };
    for (const [i, s] of read('sources.json').entries()) {
      const src = parse(ZSource, s, `sources.json[${i}]`);
      await t.query(
        `insert into sources (id, title, publisher, url, published_on, note, status) values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (id) do update set title = excluded.title, publisher = excluded.publisher, url = excluded.url,
           published_on = excluded.published_on, note = excluded.note, status = excluded.status`,
        [
          src.id,
          src.title,
          src.publisher ?? null,
          src.url ?? null,
          src.publishedOn ?? null,
          src.note ?? null,
          src.status ?? 'unverified',
        ],
      );
    }

    const parkIds = new Map<string, number>();
    const parks = read('parks.json');
    // Parents before children, whatever the file order.
    const pending = parks.map((p, i) => ({ p, i }));
    while (pending.length) {
      const before = pending.length;
      for (let k = 0; k < pending.length; k++) {
        const { p, i } = pending[k]!;
        const parentCode = p.parentCode as string | null | undefined;
        if (parentCode && !parkIds.has(parentCode)) continue;
        const { parentCode: _, ...rest } = p;
        const where = `parks.json[${i}] (${String(p.code)})`;
        const input = parse(ZParkInput, { ...rest, parentId: parentCode ? parkIds.get(parentCode) : null }, where);
        parkIds.set(input.code, await create(t, specs.parks, input, where));
        pending.splice(k--, 1);
        n.parks++;
      }
      if (pending.length === before) {
        throw new SeedError(
          `parks.json: unknown or circular parentCode for ${pending.map(({ p }) => String(p.code)).join(', ')}`,
        );
      }
    }

    const unitIds = new Map<string, number>();
    const buildingIds = new Map<string, number>();
    for (const [i, b] of read('buildings.json').entries()) {
      const where = `buildings.json[${i}] (${String(b.code)})`;
      const { parkCode, floors = [], ...rest } = b as Rec & { floors?: Rec[] };
      const parkId = need(parkIds, parkCode, where, 'parkCode');
      const building = parse(ZBuildingInput, { ...rest, parkId }, where);
      const buildingId = await create(t, specs.buildings, building, where);
      buildingIds.set(`${String(parkCode)}/${building.code}`, buildingId);
      n.buildings++;
      for (const [j, f] of floors.entries()) {
        const fw = `${where}.floors[${j}]`;
        const { units = [], ...frest } = f as Rec & { units?: Rec[] };
        const floor = parse(ZFloorInput, { ...frest, buildingId }, fw);
        const floorId = await create(t, specs.floors, floor, fw);
        n.floors++;
        for (const [k, u] of units.entries()) {
          const uw = `${fw}.units[${k}]`;
          const unit = parse(ZUnitInput, { ...u, floorId }, uw);
          unitIds.set(
            `${String(parkCode)}/${building.code}/${floor.floorNo}/${unit.code}`,
            await create(t, specs.units, unit, uw),
          );
          n.units++;
        }
      }
    }

    const enterpriseIds = new Map<string, number>();
    for (const [i, e] of read('enterprises.json').entries()) {
      const where = `enterprises.json[${i}] (${String(e.key)})`;
      const { key, metrics = [], locations = [], ...rest } = e as Rec & { metrics?: Rec[]; locations?: Rec[] };
      const enterprise = parse(ZEnterpriseInput, rest, where);
      const id = await create(t, specs.enterprises, enterprise, where);
      if (enterpriseIds.has(String(key))) throw new SeedError(`${where}: duplicate key`);
      enterpriseIds.set(String(key), id);
      n.enterprises++;
      for (const [j, m] of metrics.entries()) {
        const mw = `${where}.metrics[${j}]`;
        await create(t, specs.metrics, parse(ZMetricInput, { ...m, enterpriseId: id }, mw), mw);
      }
      for (const [j, l] of locations.entries()) {
        const lw = `${where}.locations[${j}]`;
        const { parkCode, buildingCode, floorNo, unitCode, ...lrest } = l;
        const unitId = need(
          unitIds,
          `${String(parkCode)}/${String(buildingCode)}/${String(floorNo)}/${String(unitCode)}`,
          lw,
          'unit',
        );
        await create(t, specs.occupancies, parse(ZOccupancyInput, { ...lrest, enterpriseId: id, unitId }, lw), lw);
        await t.query(`update units set status = 'occupied' where id = $1 and status = 'vacant'`, [unitId]);
      }
    }

    for (const [i, r] of read('institutions.json').entries()) {
      const where = `institutions.json[${i}]`;
      const { parkCode, buildingCode, ...rest } = r;
      const parkId = parkCode ? need(parkIds, parkCode, where, 'parkCode') : null;
      const buildingId = buildingCode
        ? need(buildingIds, `${String(parkCode)}/${String(buildingCode)}`, where, 'buildingCode')
        : null;
      await create(t, specs.institutions, parse(ZInstitutionInput, { ...rest, parkId, buildingId }, where), where);
      n.institutions++;
    }

    for (const [i, r] of read('supply-links.json').entries()) {
      const where = `supply-links.json[${i}]`;
      const { supplierKey, customerKey, ...rest } = r;
      const input = {
        ...rest,
        supplierId: need(enterpriseIds, supplierKey, where, 'supplierKey'),
        customerId: need(enterpriseIds, customerKey, where, 'customerKey'),
      };
      await create(t, specs.supplyLinks, parse(ZSupplyLinkInput, input, where), where);
      n.supplyLinks++;
    }

    for (const [i, r] of read('events.json').entries()) {
      const where = `events.json[${i}]`;
      await create(t, specs.events, parse(ZEventInput, r, where), where);
      n.events++;
    }

    for (const [i, r] of read('key-figures.json').entries()) {
      const where = `key-figures.json[${i}]`;
      const { subjectCode, ...rest } = r;
      const subjectId = subjectCode ? need(parkIds, subjectCode, where, 'subjectCode') : null;
      await create(t, specs.keyFigures, parse(ZKeyFigureInput, { ...rest, subjectId }, where), where);
      n.keyFigures++;
    }
    // Chain-node mappings a person confirmed from the articles (the rest are suggested by the engine).
    for (const [i, m] of read('chain-mappings.json').entries()) {
      const where = `chain-mappings.json[${i}]`;
      const id = need(enterpriseIds, m.enterpriseKey, where, 'enterpriseKey');
      await t.query(
        `insert into chain_mappings (enterprise_id, node_id, status, evidence, decided_by) values ($1, $2, $3, $4::jsonb, 'demo data')
         on conflict (enterprise_id, node_id) do nothing`,
        [id, m.nodeId, m.status, JSON.stringify([{ kind: 'source', detail: m.note }])],
      );
    }
    // Synthetic populations that make the demo answer the articles' counts (issue 11).
    n.enterprises += await seedCalibratedPopulations(t, parkIds);
    for (const [k, v] of parkIds) ctx.parkIds.set(k, v);
    for (const [k, v] of enterpriseIds) ctx.enterpriseIds.set(k, v);
    Object.assign(ctx.counts, n);
  }
}

/** Empties every registry table (keeps reference data), for `seed demo --reset`, after the modules built on it. */
export async function clearRegistryDemo(t: Db): Promise<void> {
  // DELETE, not TRUNCATE … CASCADE: accounts refer to parks and enterprises and must survive.
  await t.exec(`delete from key_figures; delete from events; delete from supply_links; delete from institutions;
      delete from occupancies; delete from enterprise_metrics; delete from chain_mappings;
      delete from enterprises; delete from buildings; update parks set parent_id = null; delete from parks;
      delete from sources where id not in ('user', 'ref-gbt4754', 'ref-gbt2260');`);
}
