/**
 * The demo city's chains (issue 11: chains that read like a real city's), from data/demo/chain-demo.json:
 * - leaders the seed articles or the reference notes name (京东方, 光迅科技, 长江存储, 东风岚图, …),
 *   mapped on their segments and confirmed as 链主 through the leader-decision use case (audited, 'demo');
 * - segment populations: synthetic firms (（示例）, flagged, synthetic source) registered in a district,
 *   and the calibrated park populations (registry) spread over the chain's segments, each confirmed on
 *   its segment with the synthetic evidence named;
 * - supplier links of each leader, synthetic, from local population firms and from a few synthetic
 *   firms outside the city (mapped on their segment, so gap targets know them), with invented amounts.
 * Runs after the registry's demo (it needs the firms and the calibrated populations) and the target pool.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../../db/connect.js';
import { readJson } from '../../../db/reference.js';
import { DEMO_DIR, type DemoSeedContext, SeedError } from '../../platform/module.js';
import { decideLeader } from './leaders.js';
import { currentTemplates } from './templates-store.js';

export const CHAIN_DEMO_FILE = 'chain-demo.json';

interface ChainDemoFile {
  asOf: string;
  leaders: { enterpriseKey: string; chainCode: string; nodeIds: string[]; sourceId: string; note: string }[];
  mappings: { enterpriseKey: string; nodeId: string; sourceId: string; note: string }[];
  populations: {
    chainCode: string;
    stem: string;
    regionCode: string;
    segments: Record<string, number>;
    /** GB/T 4754 class of the firms of a segment, where one fits (e.g. 3670 for parts makers). */
    segmentClasses?: Record<string, string>;
  }[];
  parkPopulations: { parkCode: string; chainCode: string; note: string; segments: Record<string, number> }[];
  suppliers: {
    customerKey: string;
    product: string;
    local: { nodeId: string; n: number; amountWan: number }[];
    outside: { name: string; regionCode: string; nodeId: string; amountWan: number }[];
  }[];
}

const SYNTHETIC_EVIDENCE = '演示用合成企业的环节归属（示例）/ Segment of a synthetic demo firm';
const no = (i: number, of: number) => String(i + 1).padStart(of >= 100 ? 3 : 2, '0');
/** A segment's short name for a firm name: the part before any bracket. */
const shortName = (nameZh: string) => nameZh.split(/[（(]/)[0]!.trim();

interface NewFirm {
  name: string;
  regionCode: string;
  scale: string;
  chainCode: string;
  chainStage: string;
  classCode: string | null;
  description: string;
}

async function insertFirms(t: Db, firms: NewFirm[], asOf: string): Promise<number[]> {
  if (firms.length === 0) return [];
  const rows = await t.query<{ id: number }>(
    `insert into enterprises (name, region_code, scale, lifecycle_stage, chain_code, chain_stage, description,
        industry_class_code, honours, source_id, as_of, synthetic)
     select n, r, s, 'park', c, st, d, ic, '[]'::jsonb, 'synthetic', $7, true
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $8::text[])
            with ordinality as x(n, r, s, c, st, d, ic, k)
      order by k
     returning id`,
    [
      firms.map((f) => f.name),
      firms.map((f) => f.regionCode),
      firms.map((f) => f.scale),
      firms.map((f) => f.chainCode),
      firms.map((f) => f.chainStage),
      firms.map((f) => f.description),
      asOf,
      firms.map((f) => f.classCode),
    ],
  );
  return rows.map((r) => r.id);
}

async function confirm(t: Db, rows: { id: number; nodeId: string; note: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await t.query(
    `insert into chain_mappings (enterprise_id, node_id, status, evidence, decided_by)
     select e, n, 'confirmed', jsonb_build_array(jsonb_build_object('kind', 'source', 'detail', d)), 'demo data'
       from unnest($1::int[], $2::text[], $3::text[]) as x(e, n, d)
     on conflict (enterprise_id, node_id) do update set status = 'confirmed'`,
    [rows.map((r) => r.id), rows.map((r) => r.nodeId), rows.map((r) => r.note)],
  );
}

/** Loads the file inside the demo's transaction; counts what it added as chainFirms, chainLeaders, supplierLinks. */
export async function seedChainDemo(t: Db, ctx: DemoSeedContext): Promise<void> {
  const path = join(DEMO_DIR, CHAIN_DEMO_FILE);
  if (!existsSync(path)) return;
  const file = readJson<ChainDemoFile>(path);
  const nodes = new Map<string, { chainCode: string; nameZh: string; stage: string }>();
  for (const tpl of await currentTemplates(t)) {
    for (const n of tpl.nodes) nodes.set(n.id, { chainCode: tpl.code, nameZh: n.nameZh, stage: n.stage });
  }
  const node = (id: string, where: string, chainCode?: string) => {
    const n = nodes.get(id);
    if (!n || (chainCode && n.chainCode !== chainCode))
      throw new SeedError(`${CHAIN_DEMO_FILE} ${where}: unknown node ${id}`);
    return n;
  };
  const firm = (key: string, where: string) => {
    const id = ctx.enterpriseIds.get(key);
    if (id === undefined) throw new SeedError(`${CHAIN_DEMO_FILE} ${where}: unknown enterpriseKey ${key}`);
    return id;
  };
  /** The firms of each segment, in order, for the supplier links. */
  const bySegment = new Map<string, number[]>();
  const mapped: { id: number; nodeId: string; note: string }[] = [];
  let added = 0;

  const classes = new Set(
    (await t.query<{ code: string }>(`select code from industry_classes where level = 'class'`)).map((r) => r.code),
  );
  for (const [i, p] of file.populations.entries()) {
    const where = `populations[${i}]`;
    for (const [nodeId, code] of Object.entries(p.segmentClasses ?? {})) {
      if (!classes.has(code))
        throw new SeedError(`${CHAIN_DEMO_FILE} ${where}: ${nodeId} has unknown GB/T 4754 class ${code}`);
    }
    const firms: NewFirm[] = [];
    const nodeOf: string[] = [];
    for (const [nodeId, n] of Object.entries(p.segments)) {
      const nd = node(nodeId, where, p.chainCode);
      for (let k = 0; k < n; k++) {
        firms.push({
          name: `${p.stem}${shortName(nd.nameZh)}企业${no(k, n)}（示例）`,
          regionCode: p.regionCode,
          // one medium firm per segment, the rest small and micro: strength needs more than small firms
          scale: k === 0 ? 'medium' : k % 2 ? 'small' : 'micro',
          chainCode: p.chainCode,
          chainStage: nd.stage,
          classCode: p.segmentClasses?.[nodeId] ?? null,
          description: `演示用合成企业（示例）：${nd.nameZh}环节，按产业链环节补足的虚构企业，名称与规模均为虚构。`,
        });
        nodeOf.push(nodeId);
      }
    }
    const ids = await insertFirms(t, firms, file.asOf);
    ids.forEach((id, k) => {
      mapped.push({ id, nodeId: nodeOf[k]!, note: SYNTHETIC_EVIDENCE });
      bySegment.set(nodeOf[k]!, [...(bySegment.get(nodeOf[k]!) ?? []), id]);
    });
    added += ids.length;
  }

  for (const [i, p] of file.parkPopulations.entries()) {
    const where = `parkPopulations[${i}]`;
    const parkId = ctx.parkIds.get(p.parkCode);
    if (parkId === undefined) throw new SeedError(`${CHAIN_DEMO_FILE} ${where}: unknown parkCode ${p.parkCode}`);
    const wanted = Object.entries(p.segments).flatMap(([nodeId, n]) => {
      node(nodeId, where, p.chainCode);
      return Array.from({ length: n }, () => nodeId);
    });
    // the park's synthetic firms (the calibrated population), oldest first, not yet on any segment
    const rows = await t.query<{ id: number }>(
      `with recursive sub as (select id from parks where id = $1 union all select c.id from parks c join sub on c.parent_id = sub.id)
       select distinct e.id from enterprises e join occupancies o on o.enterprise_id = e.id join units u on u.id = o.unit_id
         join floors f on f.id = u.floor_id join buildings b on b.id = f.building_id
        where b.park_id in (select id from sub) and e.synthetic
          and not exists (select 1 from chain_mappings m where m.enterprise_id = e.id)
        order by e.id limit $2`,
      [parkId, wanted.length],
    );
    if (rows.length < wanted.length) {
      throw new SeedError(
        `${CHAIN_DEMO_FILE} ${where}: ${p.parkCode} holds ${rows.length} synthetic firms, ${wanted.length} wanted`,
      );
    }
    rows.forEach((r, k) => {
      mapped.push({ id: r.id, nodeId: wanted[k]!, note: `${p.note} / Synthetic firm of the park, on a segment` });
      bySegment.set(wanted[k]!, [...(bySegment.get(wanted[k]!) ?? []), r.id]);
    });
    await t.query(
      `update enterprises e set chain_code = $2, chain_stage = coalesce(e.chain_stage, x.s)
         from unnest($1::int[], $3::text[]) as x(id, s) where e.id = x.id`,
      [rows.map((r) => r.id), p.chainCode, wanted.map((id) => node(id, where).stage)],
    );
  }

  for (const [i, m] of file.mappings.entries()) {
    const where = `mappings[${i}]`;
    node(m.nodeId, where);
    mapped.push({ id: firm(m.enterpriseKey, where), nodeId: m.nodeId, note: m.note });
  }
  for (const [i, l] of file.leaders.entries()) {
    for (const nodeId of l.nodeIds) {
      node(nodeId, `leaders[${i}]`, l.chainCode);
      mapped.push({ id: firm(l.enterpriseKey, `leaders[${i}]`), nodeId, note: l.note });
    }
  }

  // supplier links: local population firms of the named segments, and synthetic firms outside the city
  const links: { supplier: number; customer: number; product: string; amountWan: number }[] = [];
  const outsideFirms: (NewFirm & { nodeId: string; amountWan: number; customer: number; product: string })[] = [];
  for (const [i, s] of file.suppliers.entries()) {
    const where = `suppliers[${i}]`;
    const customer = firm(s.customerKey, where);
    for (const l of s.local) {
      const nd = node(l.nodeId, where);
      const ids = bySegment.get(l.nodeId) ?? [];
      if (ids.length < l.n)
        throw new SeedError(`${CHAIN_DEMO_FILE} ${where}: ${l.nodeId} has ${ids.length} firms, ${l.n} wanted`);
      for (const id of ids.slice(0, l.n)) {
        links.push({
          supplier: id,
          customer,
          product: `${s.product}：${shortName(nd.nameZh)}`,
          amountWan: l.amountWan,
        });
      }
    }
    for (const o of s.outside) {
      const nd = node(o.nodeId, where);
      if (!o.name.endsWith('（示例）'))
        throw new SeedError(`${CHAIN_DEMO_FILE} ${where}: a synthetic name ends in （示例）`);
      if (o.regionCode.startsWith('4201'))
        throw new SeedError(`${CHAIN_DEMO_FILE} ${where}: ${o.name} is not outside the city`);
      outsideFirms.push({
        name: o.name,
        regionCode: o.regionCode,
        scale: 'large',
        chainCode: nd.chainCode,
        chainStage: nd.stage,
        classCode: null,
        description: `演示用合成企业（示例）：市外${nd.nameZh}供应商，名称、所在地与采购额均为虚构。`,
        nodeId: o.nodeId,
        amountWan: o.amountWan,
        customer,
        product: `${s.product}：${shortName(nd.nameZh)}`,
      });
    }
  }
  const outsideIds = await insertFirms(t, outsideFirms, file.asOf);
  outsideIds.forEach((id, k) => {
    const o = outsideFirms[k]!;
    mapped.push({ id, nodeId: o.nodeId, note: SYNTHETIC_EVIDENCE });
    links.push({ supplier: id, customer: o.customer, product: o.product, amountWan: o.amountWan });
  });
  added += outsideIds.length;
  await confirm(t, mapped);
  if (links.length) {
    await t.query(
      `insert into supply_links (supplier_id, customer_id, product, annual_amount_wan, year, source_id, as_of, synthetic)
       select s, c, p, a, 2025, 'synthetic', $5, true from unnest($1::int[], $2::int[], $3::text[], $4::numeric[]) as x(s, c, p, a)`,
      [
        links.map((l) => l.supplier),
        links.map((l) => l.customer),
        links.map((l) => l.product),
        links.map((l) => l.amountWan),
        file.asOf,
      ],
    );
  }
  for (const l of file.leaders) {
    await decideLeader(
      t,
      { via: 'demo' },
      { enterpriseId: firm(l.enterpriseKey, 'leaders'), chainCode: l.chainCode, status: 'confirmed' },
    );
  }
  ctx.counts.chainFirms = added;
  ctx.counts.chainLeaders = file.leaders.length;
  ctx.counts.supplierLinks = links.length;
}
