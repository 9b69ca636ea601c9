/**
 * Demo docking around the articles' cases (seeds): 江丰电子 supplying 京东方 in 临空港 ("隔壁即供应链",
 * seed-004 — the postings, quantities, prices, contacts and the deal are invented), the tenants of
 * 北斗大厦 (楼上楼下; the tenants are the demo's synthetic firms), and 光谷 optical firms (光迅科技 and
 * synthetic chip and optics makers). Everything written here is synthetic and flagged so, and goes
 * through the module's own use cases (postings matched at once, decisions, double opt-in, a deal).
 * One outside supplier of 京东方 (a synthetic firm registered in Shanghai) gives the 替代外地供应 view
 * a case to show.
 */
import type { TPostingInput } from '../../../contracts/docking.js';
import type { Db } from '../../../db/connect.js';
import type { AuditCtx } from '../../platform/audit.js';
import type { DemoSeedContext } from '../../platform/module.js';
import { SYSTEM } from './access.js';
import { DOCKING_SOURCE, decide, recordDeal } from './matches.js';
import { createPosting } from './postings.js';

const CTX: AuditCtx = { via: 'demo' };
const VALID = '2027-12-31';
const OUTSIDE_SUPPLIER = '上海临港示例靶材有限公司（示例）';

type Seed = Omit<TPostingInput, 'enterpriseId' | 'validUntil' | 'visibility'> & {
  key: string;
  firm: string;
  visibility?: TPostingInput['visibility'];
};

const POSTINGS: Seed[] = [
  // 临空港: 江丰电子 and 京东方 (seed-004: 江丰 supplies 京东方 targets; figures invented).
  {
    key: 'jf-supply',
    firm: 'jiangfeng-wuhan',
    kind: 'supply',
    category: 'product',
    title: '高纯溅射靶材：钼靶、铝靶、铜靶、G6钪一体靶材（示例）',
    spec: '显示面板用，可按产线尺寸定制绑定',
    nodeId: 'oe.target',
    quantity: 120,
    unit: 't',
    priceWan: 4800,
    contactName: '销售部 周经理（示例）',
    contactPhone: '027-0000-0101（示例）',
  },
  {
    key: 'boe-demand',
    firm: 'boe-wuhan',
    kind: 'demand',
    category: 'product',
    title: 'TFT-LCD产线用钼靶、铜靶溅射靶材（示例）',
    spec: '希望本地就近配套，缩短交付周期',
    nodeId: 'oe.panel_lcd',
    quantity: 80,
    unit: 't',
    priceWan: 3200,
    contactName: '采购部 刘经理（示例）',
    contactPhone: '027-0000-0102（示例）',
    visibility: 'city',
  },
  // 北斗大厦: tenants on different floors (demo firms, synthetic).
  {
    key: 'bd-veh-demand',
    firm: 'demo-bd-016',
    kind: 'demand',
    category: 'product',
    title: '车载高精度定位GNSS板卡与测量型导航天线（示例）',
    nodeId: 'bd.veh_term',
    quantity: 5000,
    unit: 'set',
    contactName: '研发部 陈工（示例）',
    contactPhone: '027-0000-0201（示例）',
    visibility: 'park',
  },
  {
    key: 'bd-board-supply',
    firm: 'demo-bd-005',
    kind: 'supply',
    category: 'product',
    title: '高精度GNSS板卡（RTK，全系统多频点）（示例）',
    nodeId: 'bd.board',
    quantity: 20000,
    unit: 'set',
    contactName: '市场部 王经理（示例）',
    contactPhone: '027-0000-0202（示例）',
  },
  {
    key: 'bd-antenna-supply',
    firm: 'demo-bd-006',
    kind: 'supply',
    category: 'product',
    title: '测量型导航天线、车载天线（示例）',
    nodeId: 'bd.antenna',
    quantity: 30000,
    unit: 'pcs',
    contactName: '销售部 李经理（示例）',
    contactPhone: '027-0000-0203（示例）',
  },
  {
    key: 'bd-test-supply',
    firm: 'demo-bd-024',
    kind: 'supply',
    category: 'service',
    title: '北斗导航产品检测认证服务（示例）',
    nodeId: 'bd.test_cert',
    quantity: 200,
    unit: 'job',
  },
  // 光谷 optical firms: 光迅科技 (real firm, invented demand) and synthetic chip and optics makers.
  {
    key: 'accelink-demand',
    firm: 'accelink',
    kind: 'demand',
    category: 'product',
    title: '400G光收发模块用25G DFB激光芯片（示例）',
    nodeId: 'oe.module',
    quantity: 2000,
    unit: 'kpcs',
    priceWan: 6000,
    contactName: '供应链部 赵经理（示例）',
    contactPhone: '027-0000-0301（示例）',
    visibility: 'city',
  },
  {
    key: 'yw-supply',
    firm: 'demo-oe-004',
    kind: 'supply',
    category: 'product',
    title: 'DFB、EML激光器芯片与APD探测器芯片（示例）',
    nodeId: 'oe.ld_chip',
    quantity: 3000000,
    unit: 'pcs',
    contactName: '销售部 孙经理（示例）',
    contactPhone: '027-0000-0302（示例）',
  },
  {
    key: 'hx-supply',
    firm: 'demo-oe-005',
    kind: 'supply',
    category: 'product',
    title: '激光器芯片（DFB 10G/25G）（示例）',
    nodeId: 'oe.ld_chip',
    quantity: 800000,
    unit: 'pcs',
  },
  {
    key: 'zx-supply',
    firm: 'demo-oe-006',
    kind: 'supply',
    category: 'product',
    title: '光学透镜、滤光片、隔离器（示例）',
    nodeId: 'oe.optmat',
    quantity: 5000,
    unit: 'kpcs',
  },
  {
    key: 'wx-demand',
    firm: 'demo-oe-001',
    kind: 'demand',
    category: 'product',
    title: '光模块用准直透镜与滤光片（示例）',
    nodeId: 'oe.module',
    quantity: 1200,
    unit: 'kpcs',
    visibility: 'city',
  },
];

async function matchBetween(tx: Db, demandId: number, supplyId: number): Promise<number | undefined> {
  const [m] = await tx.query<{ id: number }>('select id from docking_matches where demand_id = $1 and supply_id = $2', [
    demandId,
    supplyId,
  ]);
  return m?.id;
}

export async function seedDocking(tx: Db, ctx: DemoSeedContext): Promise<void> {
  const firm = (key: string) => ctx.enterpriseIds.get(key);
  // 京东方 buys ITO targets from a (synthetic) firm outside the city: the 替代外地供应 case.
  const boe = firm('boe-wuhan');
  if (boe !== undefined) {
    const [outside] = await tx.query<{ id: number }>(
      `insert into enterprises (name, region_code, products, source_id, synthetic, description)
       values ($1, '310115', '{ITO靶材}', $2, true, '示例：市外靶材供应商，用于演示“替代外地供应” / synthetic outside supplier') returning id`,
      [OUTSIDE_SUPPLIER, DOCKING_SOURCE],
    );
    await tx.query(
      `insert into supply_links (supplier_id, customer_id, product, annual_amount_wan, year, source_id, as_of, synthetic)
       values ($1, $2, '液晶面板用ITO靶材', 2600, 2025, $3, '2025-12-31', true)`,
      [outside!.id, boe, DOCKING_SOURCE],
    );
  }
  const ids = new Map<string, number>();
  for (const { key, firm: f, visibility, ...p } of POSTINGS) {
    const enterpriseId = firm(f);
    if (enterpriseId === undefined) continue;
    const { id } = await createPosting(
      tx,
      SYSTEM,
      { ...p, enterpriseId, validUntil: VALID, visibility: visibility ?? 'public' },
      CTX,
      { synthetic: true },
    );
    ids.set(key, id);
  }
  let deals = 0;
  // 江丰 ↔ 京东方: both interested, contact open, a deal (invented amount) → a new local supplier link.
  const jf = await matchBetween(tx, ids.get('boe-demand') ?? -1, ids.get('jf-supply') ?? -1);
  if (jf) {
    await decide(tx, SYSTEM, jf, 'interested', CTX, { side: 'demand' });
    await decide(tx, SYSTEM, jf, 'interested', CTX, { side: 'supply' });
    await recordDeal(
      tx,
      SYSTEM,
      jf,
      { product: 'G6产线钼靶（示例）', amountWan: 1800, signedOn: '2026-09-18', termMonths: 36 },
      CTX,
      { synthetic: true },
    );
    deals++;
  }
  // 北斗大厦: floor 7 and floor 15 agree to talk (contact open, no deal yet).
  const bd = await matchBetween(tx, ids.get('bd-veh-demand') ?? -1, ids.get('bd-board-supply') ?? -1);
  if (bd) {
    await decide(tx, SYSTEM, bd, 'interested', CTX, { side: 'demand' });
    await decide(tx, SYSTEM, bd, 'interested', CTX, { side: 'supply' });
  }
  // 光迅 is interested in 鹦鹉's chips; 鹦鹉 has not answered yet.
  const ac = await matchBetween(tx, ids.get('accelink-demand') ?? -1, ids.get('yw-supply') ?? -1);
  if (ac) await decide(tx, SYSTEM, ac, 'interested', CTX, { side: 'demand' });
  ctx.counts.dockingPostings = ids.size;
  ctx.counts.dockingDeals = deals;
}

export async function clearDocking(tx: Db): Promise<void> {
  await tx.query('delete from docking_postings');
  await tx.query('delete from supply_links where source_id = $1', [DOCKING_SOURCE]);
  await tx.query('delete from enterprises where source_id = $1 and synthetic', [DOCKING_SOURCE]);
}
