/**
 * The synthetic city of the chain benchmarks: `generateChainData` (in memory, for bench/chains.ts) and
 * `generateCity` (the same city as COPY text for the registry and chain tables, for
 * bench/chains-db.ts: enterprises with figures and tiers, parks with buildings, floors and units the
 * park firms occupy, confirmed and rejected mappings, supplier links); and the synthetic 12th chain.
 */
import type { TChainNode, TChainTemplate } from '../../src/contracts/chains.js';
import type { ChainEnterprise, NodeMapping, Scale, SupplyLink } from '../../src/domain/chains/types.js';
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

// ───────────────────────── the synthetic city ─────────────────────────
const SCALES: [Scale | null, number, number][] = [
  // scale, cumulative probability, median output 万元
  ['large', 0.02, 200_000],
  ['medium', 0.15, 20_000],
  ['small', 0.6, 3000],
  ['micro', 0.95, 300],
  [null, 1, 1000],
];
const TIERS = ['innovative_sme', 'specialized_sme', 'little_giant', 'high_tech', 'above_scale', 'gazelle', 'listed'];
const YEAR = 2024;

export interface ChainDataOptions {
  enterprises: number;
  links: number;
  parks: number;
  /** Share of firms registered in the city (`inScope`). */
  local: number;
  /** Share of firms with a home segment. */
  mapped: number;
  seed: number;
}

/**
 * The synthetic city in memory, as the chain engine reads it: enterprises (a share local, a share
 * with a home segment whose classes and keywords they carry), mappings (most confirmed, some rejected
 * or pending, a tenth in a second segment), supplier links (60 % from a firm of a supplying segment
 * along the template edges, the rest random), and parks holding 80 % of the local firms with uneven
 * sizes (weight 1/(k+1)^0.7). The same seed gives the same city in bench/chains.ts and, through
 * `generateCity`, in the database of bench/chains-db.ts.
 */
export function generateChainData(templates: TChainTemplate[], o: ChainDataOptions) {
  const rand = rng(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  /** Log-normal-ish amount around `median`. */
  const lognormal = (median: number) => Math.round(median * Math.exp((rand() + rand() + rand() - 1.5) * 2));
  const segments = templates.flatMap((t) => t.nodes.filter((n) => !n.group));
  const allClasses = [...new Set(segments.flatMap((n) => n.classes.map((c) => c.code)))];
  const enterprises: ChainEnterprise[] = [];
  const home: (TChainNode | null)[] = [];
  for (let id = 1; id <= o.enterprises; id++) {
    const node = rand() < o.mapped ? pick(segments) : null;
    const r = rand();
    const [scale, , median] = SCALES.find(([, p]) => r < p)!;
    const cls = node?.classes.length ? pick(node.classes).code : pick(allClasses);
    enterprises.push({
      id,
      name: `合成企业${id}`,
      classCode: rand() < 0.95 ? cls : null,
      products: node?.keywords.length ? [pick(node.keywords), ...(rand() < 0.5 ? [pick(node.keywords)] : [])] : [],
      description: null,
      scale,
      tiers: TIERS.filter(() => rand() < 0.06),
      outputWan: rand() < 0.9 ? lognormal(median) : null,
      revenueWan: null,
      growth: rand() < 0.8 ? (rand() - 0.3) * 0.8 : null,
      isChainLeader: scale === 'large' && rand() < 0.15,
      inScope: rand() < o.local,
    });
    home.push(node);
  }
  const mappings: NodeMapping[] = [];
  const membersOf = new Map<string, number[]>();
  home.forEach((node, i) => {
    if (!node) return;
    const id = i + 1;
    const r = rand();
    const status = r < 0.85 ? 'confirmed' : r < 0.9 ? 'rejected' : 'suggested';
    mappings.push({ enterpriseId: id, nodeId: node.id, status, confidence: 0.4 + 0.6 * rand() });
    if (status === 'confirmed') membersOf.set(node.id, [...(membersOf.get(node.id) ?? []), id]);
    if (rand() < 0.1) mappings.push({ enterpriseId: id, nodeId: pick(segments).id, status: 'confirmed' });
  });
  const supplying = new Map<string, string[]>();
  for (const t of templates) for (const e of t.edges) supplying.set(e.to, [...(supplying.get(e.to) ?? []), e.from]);
  const mapped = mappings.filter((m) => m.status === 'confirmed');
  const links: SupplyLink[] = [];
  while (links.length < o.links) {
    let supplierId: number;
    let customerId: number;
    const m = rand() < 0.6 ? pick(mapped) : null;
    const from = m ? supplying.get(m.nodeId) : undefined;
    const pool = from ? membersOf.get(pick(from)) : undefined;
    if (m && pool?.length) {
      customerId = m.enterpriseId;
      supplierId = pick(pool);
    } else {
      customerId = 1 + Math.floor(rand() * o.enterprises);
      supplierId = 1 + Math.floor(rand() * o.enterprises);
    }
    if (supplierId === customerId) continue;
    links.push({ supplierId, customerId, amountWan: rand() < 0.85 ? lognormal(500) : null });
  }
  const weights = Array.from({ length: o.parks }, (_, k) => 1 / (k + 1) ** 0.7);
  const total = weights.reduce((a, b) => a + b, 0);
  let running = 0;
  const cumulative = weights.map((w) => {
    running += w / total;
    return running;
  });
  const parks: number[][] = Array.from({ length: o.parks }, () => []);
  for (const e of enterprises) {
    if (!e.inScope || rand() >= 0.8) continue;
    const r = rand();
    parks[
      Math.max(
        0,
        cumulative.findIndex((c) => r < c),
      )
    ]!.push(e.id);
  }
  return { enterprises, mappings, links, parks };
}

export interface CityOptions extends ChainDataOptions {
  /** District codes of the city, and of elsewhere. */
  wuhan: string[];
  elsewhere: string[];
}

/**
 * The city of `generateChainData` as COPY text per table, the firm ids of each park, and how many
 * firms are local. The database keeps people's decisions only (confirmed, rejected): pending
 * suggestions are computed by the server. Last year's revenue is derived from the growth, which is
 * how the server reads growth back.
 */
export function generateCity(templates: TChainTemplate[], o: CityOptions) {
  const data = generateChainData(templates, o);
  // what only the database needs (regions) comes from a stream of its own, so the city stays the same
  const extra = rng(o.seed + 1000);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(extra() * xs.length)]!;
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
  for (const e of data.enterprises) {
    ent.add([
      e.id,
      e.name,
      e.classCode,
      e.products,
      e.scale,
      JSON.stringify(e.tiers.map((tierCode) => ({ tierCode }))),
      e.isChainLeader,
      e.inScope ? pick(o.wuhan) : pick(o.elsewhere),
      'bench',
      true,
    ]);
    // revenue = output this year; last year's revenue gives the growth the engine reads
    const { outputWan: output, growth } = e;
    if (output !== null || growth !== null) met.add([e.id, YEAR, output, output, 'bench', true]);
    if (output !== null && growth !== null)
      met.add([e.id, YEAR - 1, Math.round((output / (1 + growth)) * 100) / 100, null, 'bench', true]);
  }
  const map = table('chain_mappings', ['enterprise_id', 'node_id', 'status', 'confidence', 'decided_by']);
  const seen = new Set<string>();
  for (const m of data.mappings) {
    const key = `${m.enterpriseId}|${m.nodeId}`;
    if (m.status === 'suggested' || seen.has(key)) continue;
    seen.add(key);
    map.add([m.enterpriseId, m.nodeId, m.status, m.confidence ?? null, 'bench']);
  }
  const links = table('supply_links', [
    'supplier_id',
    'customer_id',
    'product',
    'annual_amount_wan',
    'source_id',
    'synthetic',
  ]);
  for (const l of data.links) links.add([l.supplierId, l.customerId, '合成部件', l.amountWan, 'bench', true]);
  // each park firm in a unit of its own, 200 units a building, one floor a building
  const pk = table('parks', ['id', 'code', 'name', 'kind', 'level', 'region_code', 'source_id', 'synthetic']);
  const bl = table('buildings', ['id', 'park_id', 'code', 'name', 'type', 'floors_above', 'source_id', 'synthetic']);
  const fl = table('floors', ['id', 'building_id', 'floor_no', 'source_id', 'synthetic']);
  const un = table('units', ['id', 'floor_id', 'code', 'status', 'source_id', 'synthetic']);
  const oc = table('occupancies', ['enterprise_id', 'unit_id', 'started_on', 'source_id', 'synthetic']);
  let building = 0;
  let unit = 0;
  data.parks.forEach((ids, k) => {
    pk.add([k + 1, `BENCH-${k + 1}`, `合成园区${k + 1}`, 'industrial', 'municipal', pick(o.wuhan), 'bench', true]);
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
  return {
    tables: all.map((x) => x.t),
    parks: data.parks,
    counts: { local: data.enterprises.filter((e) => e.inScope).length },
  };
}
