/**
 * Demo: the consolidation centre of 汉欧国际物流园 (seed article 004). The hub, its station and the
 * figures quoted in its source are the article's; tariffs, departures, prices and orders are
 * invented to show the planner and are marked synthetic (goods such as 节日装饰彩球 and 健身护具
 * are the article's examples, their quantities are not).
 */
import type { TDepartureInput, TOrderInput } from '../../../contracts/consolidation.js';
import type { Db } from '../../../db/connect.js';
import type { AuditCtx } from '../../platform/audit.js';
import { book, runPlan } from './planning.js';
import type { HubAccess } from './policy.js';
import * as repo from './repository.js';
import { createDeparture, createOrder, saveTariff } from './service.js';

const SOURCE =
  '《从“枢纽腹地”到“产业高地”——解码东西湖园区经济的“立体生长”逻辑》：园区内的“集拼中心”正将零散的小微外贸订单高效整合；中欧班列从吴家山站发出，辐射欧亚大陆40国121城；今年以来进出口货值超176亿元。';

/** The demo organisation that runs the hub (data/demo/accounts.json). */
export const DEMO_HUB_ORGANISATION = '汉欧国际物流园 集拼中心（演示）';

const ROUTE_W = '吴家山—杜伊斯堡 Wujiashan–Duisburg';
const ROUTE_E = '吴家山—马拉舍维奇 Wujiashan–Małaszewicze';
const prices = (p20: number, p40: number, p40hq: number, n = 6): TDepartureInput['containers'] => [
  { type: '20GP', count: n, priceFen: p20 * 100 },
  { type: '40GP', count: n, priceFen: p40 * 100 },
  { type: '40HQ', count: n, priceFen: p40hq * 100 },
];

const DEPARTURES: TDepartureInput[] = [
  {
    code: 'DF-1210',
    route: ROUTE_W,
    destinations: ['DUISBURG', 'HAMBURG'],
    departOn: '2026-12-10',
    cutoffOn: '2026-12-08',
    containers: prices(31_000, 52_000, 55_000),
    usableVolumeFactor: 0.88,
    synthetic: true,
  },
  {
    code: 'DF-1214',
    route: ROUTE_E,
    destinations: ['MALASZEWICZE', 'LODZ', 'BUDAPEST'],
    departOn: '2026-12-14',
    cutoffOn: '2026-12-12',
    containers: prices(29_000, 49_000, 52_000),
    payloadCapKg: 20_000,
    usableVolumeFactor: 0.88,
    synthetic: true,
  },
  {
    code: 'DF-1218',
    route: ROUTE_W,
    destinations: ['DUISBURG', 'HAMBURG'],
    departOn: '2026-12-18',
    cutoffOn: '2026-12-16',
    containers: prices(31_000, 52_000, 55_000),
    usableVolumeFactor: 0.88,
    synthetic: true,
  },
  {
    code: 'DF-1224',
    route: ROUTE_E,
    destinations: ['MALASZEWICZE', 'LODZ', 'BUDAPEST'],
    departOn: '2026-12-24',
    cutoffOn: '2026-12-22',
    containers: prices(29_000, 49_000, 52_000),
    payloadCapKg: 20_000,
    usableVolumeFactor: 0.88,
    synthetic: true,
  },
];

type O = Omit<TOrderInput, 'synthetic' | 'code'>;
const o = (
  x: Partial<O> & Pick<O, 'shipperName' | 'goods' | 'pieces' | 'volumeM3' | 'weightKg' | 'destination' | 'readyOn'>,
): O => ({
  cargoClass: 'general',
  destinationCountry:
    x.destination === 'HAMBURG' || x.destination === 'DUISBURG'
      ? '德国'
      : x.destination === 'BUDAPEST'
        ? '匈牙利'
        : '波兰',
  ...x,
});

const ORDERS: O[] = [
  o({
    shipperName: '武汉某节庆用品厂（示例）',
    goods: '节日装饰彩球',
    hsChapter: '95',
    pieces: 120,
    volumeM3: 18.5,
    weightKg: 1_650,
    destination: 'DUISBURG',
    readyOn: '2026-12-05',
    stackable: true,
    splittable: true,
    declaredValueFen: 18_600_000,
  }),
  o({
    shipperName: '东西湖某体育用品企业（示例）',
    goods: '健身护具',
    hsChapter: '95',
    pieces: 60,
    volumeM3: 9.2,
    weightKg: 1_380,
    destination: 'HAMBURG',
    readyOn: '2026-12-06',
    declaredValueFen: 24_500_000,
  }),
  o({
    shipperName: '湖北某汽车零部件公司（示例）',
    goods: '新能源汽车配件',
    hsChapter: '87',
    cargoClass: 'machinery',
    pieces: 24,
    volumeM3: 14,
    weightKg: 11_800,
    destination: 'DUISBURG',
    readyOn: '2026-12-04',
    declaredValueFen: 96_000_000,
  }),
  o({
    shipperName: '武汉某光电企业（示例）',
    goods: '显示面板模组',
    hsChapter: '85',
    cargoClass: 'electronics',
    pieces: 40,
    volumeM3: 22,
    weightKg: 3_900,
    destination: 'DUISBURG',
    readyOn: '2026-12-07',
    declaredValueFen: 132_000_000,
  }),
  o({
    shipperName: '东西湖某食品企业（示例）',
    goods: '休闲食品',
    hsChapter: '19',
    cargoClass: 'food',
    pieces: 300,
    volumeM3: 16,
    weightKg: 5_200,
    destination: 'HAMBURG',
    readyOn: '2026-12-05',
    declaredValueFen: 8_800_000,
  }),
  o({
    shipperName: '武汉某化工企业（示例）',
    goods: '水性涂料',
    hsChapter: '32',
    cargoClass: 'chemical',
    pieces: 80,
    volumeM3: 8,
    weightKg: 9_600,
    destination: 'DUISBURG',
    readyOn: '2026-12-06',
    declaredValueFen: 12_000_000,
  }),
  o({
    shipperName: '武汉某电池材料企业（示例）',
    goods: '电解液（第3类危险品）',
    hsChapter: '38',
    cargoClass: 'dangerous',
    dgClass: '3',
    pieces: 40,
    volumeM3: 6,
    weightKg: 7_200,
    destination: 'DUISBURG',
    readyOn: '2026-12-07',
    declaredValueFen: 30_000_000,
  }),
  o({
    shipperName: '武汉某服装企业（示例）',
    goods: '羽绒服',
    hsChapter: '62',
    cargoClass: 'textile',
    pieces: 400,
    volumeM3: 30,
    weightKg: 3_100,
    destination: 'MALASZEWICZE',
    readyOn: '2026-12-09',
    splittable: true,
    declaredValueFen: 45_000_000,
  }),
  o({
    shipperName: '东西湖某家电企业（示例）',
    goods: '小家电',
    hsChapter: '85',
    cargoClass: 'electronics',
    pieces: 150,
    volumeM3: 26,
    weightKg: 4_500,
    destination: 'LODZ',
    readyOn: '2026-12-10',
    declaredValueFen: 38_000_000,
  }),
  o({
    shipperName: '武汉某机械厂（示例）',
    goods: '数控机床部件',
    hsChapter: '84',
    cargoClass: 'machinery',
    pieces: 6,
    volumeM3: 7.5,
    weightKg: 14_500,
    destination: 'BUDAPEST',
    readyOn: '2026-12-11',
    declaredValueFen: 88_000_000,
  }),
  o({
    shipperName: '武汉某节庆用品厂（示例）',
    goods: '节日灯串',
    hsChapter: '94',
    pieces: 90,
    volumeM3: 12,
    weightKg: 900,
    destination: 'LODZ',
    readyOn: '2026-12-12',
    splittable: true,
    declaredValueFen: 9_000_000,
  }),
  o({
    shipperName: '东西湖某体育用品企业（示例）',
    goods: '瑜伽垫',
    hsChapter: '95',
    pieces: 200,
    volumeM3: 15,
    weightKg: 1_200,
    destination: 'HAMBURG',
    readyOn: '2026-12-14',
    splittable: true,
    declaredValueFen: 6_000_000,
  }),
  o({
    shipperName: '湖北某汽车零部件公司（示例）',
    goods: '汽车座椅骨架',
    hsChapter: '94',
    cargoClass: 'machinery',
    pieces: 30,
    volumeM3: 18,
    weightKg: 8_400,
    destination: 'DUISBURG',
    readyOn: '2026-12-15',
    declaredValueFen: 54_000_000,
  }),
  o({
    shipperName: '武汉某光电企业（示例）',
    goods: '光模块',
    hsChapter: '85',
    cargoClass: 'electronics',
    pieces: 20,
    volumeM3: 3,
    weightKg: 450,
    destination: 'DUISBURG',
    readyOn: '2026-12-16',
    declaredValueFen: 210_000_000,
  }),
  o({
    shipperName: '武汉某服装企业（示例）',
    goods: '针织衫',
    hsChapter: '61',
    cargoClass: 'textile',
    pieces: 260,
    volumeM3: 21,
    weightKg: 2_300,
    destination: 'BUDAPEST',
    readyOn: '2026-12-20',
    splittable: true,
    declaredValueFen: 27_000_000,
  }),
  // cannot ship: one crate heavier than any container's payload
  o({
    shipperName: '武汉某重工企业（示例）',
    goods: '整体式变压器',
    hsChapter: '85',
    cargoClass: 'machinery',
    pieces: 1,
    volumeM3: 30,
    weightKg: 32_000,
    destination: 'DUISBURG',
    readyOn: '2026-12-08',
    declaredValueFen: 150_000_000,
  }),
];

/** Writes the demo hub through the module's use cases and plans it; returns the number of orders. */
export async function seedConsolidation(tx: Db, enterpriseId: number | undefined): Promise<number> {
  const park = (await tx.query<{ id: number }>("select id from parks where name = '汉欧国际物流园' limit 1"))[0];
  // The hub belongs to its operating organisation (demo accounts: 汉欧国际物流园 集拼中心（演示）, whose
  // hub_operator account demo-hub runs it).
  const org = (
    await tx.query<{ id: number }>("select id from organisations where kind = 'logistics_hub' and name = $1", [
      DEMO_HUB_ORGANISATION,
    ])
  )[0];
  const [h] = await tx.query<{ id: number }>(
    `insert into consolidation_hubs (name, name_en, park_id, organisation_id, station, source, synthetic)
     values ('汉欧国际物流园 集拼中心', 'Hanou International Logistics Park — consolidation centre', $1, $2, '吴家山站', $3, false)
     returning id`,
    [park?.id ?? null, org?.id ?? null, SOURCE],
  );
  const hubId = h!.id;
  const row = (await repo.hub(tx, hubId, -1))!;
  const x: HubAccess = { hub: row, readAll: true, operate: true, shipperEnterpriseId: null, actor: undefined };
  const ctx: AuditCtx = { via: 'demo' };
  await saveTariff(tx, x, { route: ROUTE_W, divisorKgPerM3: 363, minChargeableM3: 1, synthetic: true }, ctx);
  await saveTariff(tx, x, { route: ROUTE_E, divisorKgPerM3: 500, minChargeableM3: 1, synthetic: true }, ctx);
  for (const d of DEPARTURES) await createDeparture(tx, x, d, ctx);
  const ids: number[] = [];
  for (const [i, ord] of ORDERS.entries()) {
    const own = enterpriseId !== undefined && i % 5 === 1 ? enterpriseId : null; // a few belong to the demo tenant
    ids.push(
      await createOrder(
        tx,
        x,
        { ...ord, code: `HO-${String(i + 1).padStart(3, '0')}`, shipperEnterpriseId: own, synthetic: true },
        ctx,
      ),
    );
  }
  await runPlan(tx, hubId, null, ctx);
  // the first two orders were booked at their quote: they keep their containers from now on
  for (const id of ids.slice(0, 2)) await book(tx, x, id, ctx);
  return ORDERS.length;
}
