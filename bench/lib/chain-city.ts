/**
 * The synthetic city of bench/chains.ts (same generator, same random stream for a seed) written as
 * COPY text for the registry and chain tables, for bench/chains-db.ts: enterprises with figures and
 * tiers, parks with buildings, floors and units the park firms occupy, confirmed and rejected
 * mappings, supplier links; and the synthetic 12th chain.
 */
import type { TChainNode, TChainTemplate } from '../../src/contracts/chains.js';
import { rng } from '../../src/domain/random.js';
import type { Chunked } from './dataset.js';

/** The synthetic 12th chain of bench/chains.ts (31 nodes, one group, 39 edges). */
export function syntheticTemplate(): TChainTemplate {
  const node = (i: number, stage: TChainNode['stage'], parent: string | null, group = false): TChainNode => ({
    id: group ? `im.g_${i}` : `im.n${i}`,
    nameZh: `智造环节${i}`,
    nameEn: `Segment ${i}`,
    stage,
    parent,
    group,
    suppliesExternal: stage === 'downstream',
    keywords: group ? [] : [`智造部件${i}`, `工业组件${i}号`],
    classes: group ? [] : [{ code: String(3400 + (i % 9) * 10 + 1), approximate: i % 5 === 0 }],
    keyLink: i % 6 === 0,
    bottleneck: null,
    sourceTags: [],
  });
  const nodes: TChainNode[] = [node(0, 'upstream', null, true)];
  for (let i = 1; i <= 30; i++) {
    const stage = i <= 10 ? 'upstream' : i <= 20 ? 'midstream' : 'downstream';
    nodes.push(node(i, stage, i <= 4 ? 'im.g_0' : null));
  }
  const edges = [];
  for (let i = 1; i <= 20; i++) {
    edges.push({ from: `im.n${i}`, to: `im.n${i + 10}`, kind: 'supplies' as const });
    if (i + 11 <= 30) edges.push({ from: `im.n${i}`, to: `im.n${i + 11}`, kind: 'supplies' as const });
  }
  return {
    code: 'im',
    version: 1,
    nameZh: '智能制造（合成）',
    nameEn: 'Smart manufacturing (synthetic)',
    description: 'Synthetic benchmark chain',
    basis: 'Synthetic',
    sources: [{ tag: 'GK', title: 'synthetic', tier: 'GK' }],
    nodes,
    edges,
  };
}

// ───────────────────────── COPY text ─────────────────────────
const cell = (v: unknown): string => {
  if (v === null || v === undefined) return '\\N';
  if (Array.isArray(v)) return cell(`{${v.map((x) => `"${String(x).replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`);
  return String(v).replace(/[\\\t\n\r]/g, (c) =>
    c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\\\',
  );
};
function table(name: string, columns: string[]) {
  const t: Chunked = { table: name, columns, rows: 0, chunks: [] };
  let buf: string[] = [];
  return {
    t,
    add(vs: unknown[]) {
      buf.push(`${vs.map(cell).join('\t')}\n`);
      t.rows++;
      if (buf.length >= 50_000) this.flush();
    },
    flush() {
      if (buf.length) t.chunks.push(buf.join(''));
      buf = [];
    },
  };
}

// ───────────────────────── the synthetic city (bench/chains.ts's generator, written as rows) ─────────────────────────
const SCALES: [string | null, number, number][] = [
  ['large', 0.02, 200_000],
  ['medium', 0.15, 20_000],
  ['small', 0.6, 3000],
  ['micro', 0.95, 300],
  [null, 1, 1000],
];
const TIERS = ['innovative_sme', 'specialized_sme', 'little_giant', 'high_tech', 'above_scale', 'gazelle', 'listed'];
const YEAR = 2024;

export interface CityOptions {
  enterprises: number;
  links: number;
  parks: number;
  /** Share of firms registered in the city. */
  local: number;
  /** Share of firms with a home segment. */
  mapped: number;
  seed: number;
  /** District codes of the city, and of elsewhere. */
  wuhan: string[];
  elsewhere: string[];
}

/** The synthetic city as COPY text per table, the firm ids of each park, and how many firms are local. */
export function generateCity(templates: TChainTemplate[], o: CityOptions) {
  const { enterprises: E, links: LINKS, parks: PARKS, local: LOCAL, mapped: MAPPED, wuhan, elsewhere } = o;
  // `rand` follows bench/chains.ts call for call (same city); `extra` draws what only the database needs.
  const rand = rng(o.seed);
  const extra = rng(o.seed + 1000);
  const pick = <T>(xs: readonly T[], r = rand): T => xs[Math.floor(r() * xs.length)]!;
  const lognormal = (median: number) => Math.round(median * Math.exp((rand() + rand() + rand() - 1.5) * 2));
  const segments = templates.flatMap((t) => t.nodes.filter((n) => !n.group));
  const allClasses = [...new Set(segments.flatMap((n) => n.classes.map((c) => c.code)))];
  const ent = table('enterprises', [
    'id',
    'name',
    'industry_class_code',
    'products',
    'scale',
    'honours',
    'is_chain_leader',
    'region_code',
    'source_id',
    'synthetic',
  ]);
  const met = table('enterprise_metrics', [
    'enterprise_id',
    'year',
    'revenue_wan',
    'output_wan',
    'source_id',
    'synthetic',
  ]);
  const home: (TChainNode | null)[] = [];
  const inScope: boolean[] = [];
  for (let id = 1; id <= E; id++) {
    const node = rand() < MAPPED ? pick(segments) : null;
    const r = rand();
    const [scale, , median] = SCALES.find(([, p]) => r < p)!;
    const cls = node?.classes.length ? pick(node.classes).code : pick(allClasses);
    const classCode = rand() < 0.95 ? cls : null;
    const products = node?.keywords.length ? [pick(node.keywords), ...(rand() < 0.5 ? [pick(node.keywords)] : [])] : [];
    const tiers = TIERS.filter(() => rand() < 0.06);
    const output = rand() < 0.9 ? lognormal(median) : null;
    const growth = rand() < 0.8 ? (rand() - 0.3) * 0.8 : null;
    const leader = scale === 'large' && rand() < 0.15;
    const local = rand() < LOCAL;
    const region = local ? pick(wuhan, extra) : pick(elsewhere, extra);
    ent.add([
      id,
      `合成企业${id}`,
      classCode,
      products,
      scale,
      JSON.stringify(tiers.map((tierCode) => ({ tierCode }))),
      leader,
      region,
      'bench',
      true,
    ]);
    // revenue = output this year; last year's revenue gives the growth the engine reads
    if (output !== null || growth !== null) met.add([id, YEAR, output, output, 'bench', true]);
    if (output !== null && growth !== null)
      met.add([id, YEAR - 1, Math.round((output / (1 + growth)) * 100) / 100, null, 'bench', true]);
    home.push(node);
    inScope.push(local);
  }
  // mappings as bench/chains.ts draws them; the database keeps people's decisions (confirmed,
  // rejected) — pending suggestions are computed by the server (suggestMappings), not stored
  const map = table('chain_mappings', ['enterprise_id', 'node_id', 'status', 'confidence', 'decided_by']);
  const seen = new Set<string>();
  const addMapping = (id: number, nodeId: string, status: string, confidence: number | null) => {
    if (status === 'suggested' || seen.has(`${id}|${nodeId}`)) return;
    seen.add(`${id}|${nodeId}`);
    map.add([id, nodeId, status, confidence, 'bench']);
  };
  const mapped: { enterpriseId: number; nodeId: string }[] = [];
  const membersOf = new Map<string, number[]>();
  home.forEach((node, i) => {
    if (!node) return;
    const id = i + 1;
    const r = rand();
    const status = r < 0.85 ? 'confirmed' : r < 0.9 ? 'rejected' : 'suggested';
    addMapping(id, node.id, status, 0.4 + 0.6 * rand());
    if (status === 'confirmed') {
      mapped.push({ enterpriseId: id, nodeId: node.id });
      membersOf.set(node.id, [...(membersOf.get(node.id) ?? []), id]);
    }
    if (rand() < 0.1) {
      const second = pick(segments).id;
      addMapping(id, second, 'confirmed', null);
      mapped.push({ enterpriseId: id, nodeId: second });
    }
  });
  // links, written straight to COPY text (no 1 M objects kept)
  const supplying = new Map<string, string[]>();
  for (const t of templates) for (const e of t.edges) supplying.set(e.to, [...(supplying.get(e.to) ?? []), e.from]);
  const links = table('supply_links', [
    'supplier_id',
    'customer_id',
    'product',
    'annual_amount_wan',
    'source_id',
    'synthetic',
  ]);
  while (links.t.rows < LINKS) {
    let supplierId: number;
    let customerId: number;
    const m = rand() < 0.6 ? pick(mapped) : null;
    const from = m ? supplying.get(m.nodeId) : undefined;
    const pool = from ? membersOf.get(pick(from)) : undefined;
    if (m && pool?.length) {
      customerId = m.enterpriseId;
      supplierId = pick(pool);
    } else {
      customerId = 1 + Math.floor(rand() * E);
      supplierId = 1 + Math.floor(rand() * E);
    }
    if (supplierId === customerId) continue;
    links.add([supplierId, customerId, '合成部件', rand() < 0.85 ? lognormal(500) : null, 'bench', true]);
  }
  // parks: 80 % of local firms in one of PARKS parks (weight 1/(k+1)^0.7), each firm in a unit of
  // its own, 200 units a building, one floor a building
  const weights = Array.from({ length: PARKS }, (_, k) => 1 / (k + 1) ** 0.7);
  const total = weights.reduce((a, b) => a + b, 0);
  let running = 0;
  const cumulative = weights.map((w) => {
    running += w / total;
    return running;
  });
  const parks: number[][] = Array.from({ length: PARKS }, () => []);
  for (let i = 0; i < E; i++) {
    if (!inScope[i] || rand() >= 0.8) continue;
    const r = rand();
    parks[
      Math.max(
        0,
        cumulative.findIndex((c) => r < c),
      )
    ]!.push(i + 1);
  }
  const pk = table('parks', ['id', 'code', 'name', 'kind', 'level', 'region_code', 'source_id', 'synthetic']);
  const bl = table('buildings', ['id', 'park_id', 'code', 'name', 'type', 'floors_above', 'source_id', 'synthetic']);
  const fl = table('floors', ['id', 'building_id', 'floor_no', 'source_id', 'synthetic']);
  const un = table('units', ['id', 'floor_id', 'code', 'status', 'source_id', 'synthetic']);
  const oc = table('occupancies', ['enterprise_id', 'unit_id', 'started_on', 'source_id', 'synthetic']);
  let building = 0;
  let unit = 0;
  parks.forEach((ids, k) => {
    pk.add([k + 1, `BENCH-${k + 1}`, `合成园区${k + 1}`, 'industrial', 'municipal', pick(wuhan, extra), 'bench', true]);
    ids.forEach((id, j) => {
      if (j % 200 === 0) {
        building++;
        bl.add([building, k + 1, `B${building}`, `合成楼宇${building}`, 'factory', 1, 'bench', true]);
        fl.add([building, building, 1, 'bench', true]);
      }
      unit++;
      un.add([unit, building, `U${unit}`, 'occupied', 'bench', true]);
      oc.add([id, unit, '2020-01-01', 'bench', true]);
    });
  });
  const all = [ent, met, map, links, pk, bl, fl, un, oc];
  for (const x of all) x.flush();
  return { tables: all.map((x) => x.t), parks, counts: { local: inScope.filter(Boolean).length } };
}
