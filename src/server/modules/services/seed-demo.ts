/**
 * Demo records of enterprise services, written through the module's own use cases as the demo
 * accounts (data/demo/accounts.json), with their historic dates (ctx.at).
 *
 * The seed articles say only that parks "成立管家团队，一站式服务" (seed-000), name the six service
 * systems 技术、金融、市场、人才、信息、经营管理 (seed-000) and Dongxihu's service system "覆盖企业全生命周期"
 * (seed-004). Every ticket, visit and the first two policies below are invented (synthetic: true,
 * shown with the 示例 badge). The third policy encodes published criteria and cites its document.
 */
import type { TPolicyInput } from '../../../contracts/services.js';
import type { Db } from '../../../db/connect.js';
import type { Ctx } from '../../lib/resource.js';
import type { DemoSeedContext } from '../../platform/module.js';
import { type Actor, loadActor } from '../auth/actor.js';
import { savePolicy } from './policies.js';
import { actOnTicket, openTicket, postMessage } from './tickets.js';
import { planVisit, recordVisit } from './visits.js';

/** Beijing local time as an ISO instant. */
const bj = (s: string) => new Date(Date.parse(`${s}+08:00`)).toISOString();

const POLICIES: (TPolicyInput & { synthetic: boolean })[] = [
  {
    code: 'demo-lkg-hightech-award',
    title: '示例：临空港经开区高新技术企业奖励（虚构）',
    titleEn: 'Example: Lingkonggang award for high-tech enterprises (invented)',
    issuer: '临空港经开区（东西湖区）管委会（演示）',
    documentNo: null,
    documentUrl: null,
    validFrom: '2026-01-01',
    validUntil: '2027-12-31',
    autoGrant: true,
    summary: '虚构的演示政策：区内有效期内的高新技术企业免申即享一次性奖励。',
    conditions: [
      { id: '第二条', field: 'tier', op: 'has', value: 'high_tech', citation: '示例文件第二条（虚构）' },
      { id: '第三条', field: 'region_code', op: 'in', value: ['420112'], citation: '示例文件第三条（虚构）' },
    ],
    note: '演示数据',
    synthetic: true,
  },
  {
    code: 'demo-rnd-subsidy',
    title: '示例：研发投入后补助（虚构）',
    titleEn: 'Example: R&D spending subsidy (invented)',
    issuer: '武汉市经济和信息化局（演示）',
    documentNo: null,
    documentUrl: null,
    validFrom: '2026-01-01',
    validUntil: null,
    autoGrant: false,
    summary: '虚构的演示政策：研发投入强度不低于3%、营业收入不低于500万元的企业可申请。',
    conditions: [
      { id: '第四条第一项', field: 'rnd_ratio_pct', op: '>=', value: 3, citation: '示例文件第四条第（一）项（虚构）' },
      { id: '第四条第二项', field: 'revenue_wan', op: '>=', value: 500, citation: '示例文件第四条第（二）项（虚构）' },
    ],
    note: '演示数据',
    synthetic: true,
  },
  {
    code: 'miit-2026-2-specialized-sme',
    title: '专精特新中小企业条件（可机读部分）',
    titleEn: 'Specialised SME criteria (machine-checkable part)',
    issuer: '工业和信息化部',
    documentNo: '工信部企业〔2026〕2号',
    documentUrl: null,
    validFrom: '2026-04-01',
    validUntil: null,
    autoGrant: false,
    summary:
      '《优质中小企业梯度培育管理办法》专精特新中小企业条件中可由登记数据判断的部分：持有科技和创新型中小企业称号；营业收入不低于1500万元；研发费用不低于100万元且占营业收入比重不低于3%（办法要求近两年每年，此处只核对最近一年）。细分市场年限、主营业务占比、一类知识产权和评价得分未编码。',
    conditions: [
      {
        id: 'title',
        field: 'tier',
        op: 'has',
        value: 'innovative_sme',
        citation:
          '《优质中小企业梯度培育管理办法》（工信部企业〔2026〕2号）专精特新中小企业条件：持有科技和创新型中小企业称号',
      },
      {
        id: 'revenue',
        field: 'revenue_wan',
        op: '>=',
        value: 1500,
        citation: '同上：营业收入不低于1500万元（或近两年新增股权融资不低于2000万元，未编码）',
      },
      { id: 'rnd', field: 'rnd_wan', op: '>=', value: 100, citation: '同上：研发费用不低于100万元' },
      { id: 'rnd-ratio', field: 'rnd_ratio_pct', op: '>=', value: 3, citation: '同上：研发费用占营业收入比重不低于3%' },
    ],
    note: '据 ../shared/reference/tier-criteria.md 所引办法条文编码',
    synthetic: false,
  },
];

export async function seedServicesDemo(tx: Db, ctx: DemoSeedContext): Promise<void> {
  const users = await tx.query<{ id: number; username: string }>(
    `select id, username from users where username in ('demo-admin', 'demo-district', 'demo-officer', 'demo-enterprise')`,
  );
  const actor = async (name: string): Promise<Actor | undefined> => {
    const u = users.find((x) => x.username === name);
    return u ? ((await loadActor(tx, u.id)) ?? undefined) : undefined;
  };
  const admin = await actor('demo-admin');
  const district = await actor('demo-district');
  const officer = await actor('demo-officer');
  const firm = await actor('demo-enterprise');
  const as = (a: Actor | undefined, when: string): Ctx => ({ actor: a, via: 'demo', at: bj(when) });

  for (const p of POLICIES) await savePolicy(tx, null, p, as(admin, '2026-11-02T09:00'));
  ctx.counts.servicePolicies = POLICIES.length;

  let tickets = 0;
  let visits = 0;
  const own = ctx.enterpriseIds.get('demo-lh-001');
  if (own && firm) {
    const t1 = await openTicket(
      tx,
      {
        enterpriseId: own,
        categoryCode: 'talent.recruitment',
        title: '招聘 5 名生物材料研发人员（示例）',
        body: '新产线明年一季度投产，需要硕士以上研发人员，希望对接高校招聘会。',
        attachments: [],
        synthetic: true,
      },
      as(firm, '2026-11-20T10:00'),
    );
    await postMessage(
      tx,
      t1,
      { kind: 'note', body: '联系市人才集团，问 12 月校园招聘专场名额。', attachments: [], waitOnEnterprise: false },
      as(admin, '2026-11-20T14:00'),
    );
    await postMessage(
      tx,
      t1,
      {
        kind: 'reply',
        body: '已为贵司预留 12 月 6 日校园招聘专场展位，请提供岗位说明。',
        attachments: [],
        waitOnEnterprise: true,
      },
      as(admin, '2026-11-20T15:30'),
    );
    await postMessage(
      tx,
      t1,
      { kind: 'reply', body: '岗位说明已发至邮箱。', attachments: [], waitOnEnterprise: false },
      as(firm, '2026-11-24T09:10'),
    );
    await actOnTicket(tx, t1, { action: 'resolve', body: '展位已确认。' }, as(admin, '2026-11-25T11:00'));
    await actOnTicket(tx, t1, { action: 'rate', satisfaction: 5, comment: '响应很快' }, as(firm, '2026-11-25T16:00'));
    await openTicket(
      tx,
      {
        enterpriseId: own,
        categoryCode: 'information.policy',
        title: '高新技术企业资格到期后的重新认定（示例）',
        body: '我司高企资格 2026 年底到期，请问重新认定的材料清单。',
        attachments: [],
        synthetic: true,
      },
      as(firm, '2026-12-03T16:40'),
    );
    tickets += 2;
    if (admin) {
      const v = await planVisit(
        tx,
        {
          enterpriseId: own,
          plannedOn: '2026-11-28',
          purpose: '一企一访：产能扩张与融资（示例）',
          confirmDespiteRecent: true,
          synthetic: true,
        },
        as(admin, '2026-11-21T09:00'),
      );
      if (v.visit) {
        await recordVisit(
          tx,
          v.visit.id,
          { heldOn: '2026-11-28', notes: '扩产需流动资金约 2000 万元（示例）。', flags: ['financing_need'] },
          as(admin, '2026-11-28T17:00'),
        );
        tickets++;
        visits++;
      }
    }
  }

  // Dongxihu (seed-004): the district's butlers visit a firm of the zone; the investment agency then
  // plans to visit the same firm within the quiet period and is offered to join instead.
  const dxh = ctx.enterpriseIds.get('jingchen-tech');
  if (dxh && district && officer) {
    const v = await planVisit(
      tx,
      {
        enterpriseId: dxh,
        plannedOn: '2026-11-26',
        purpose: '稳企走访（示例）',
        confirmDespiteRecent: true,
        synthetic: true,
      },
      as(district, '2026-11-18T09:00'),
    );
    if (v.visit) {
      await recordVisit(
        tx,
        v.visit.id,
        {
          heldOn: '2026-11-26',
          notes: '企业反映招工难，另询问工业上楼厂房（示例）。',
          flags: ['hiring', 'space_need'],
        },
        as(district, '2026-11-26T18:00'),
      );
      visits++;
      tickets += 2;
    }
    const planned = await planVisit(
      tx,
      {
        enterpriseId: dxh,
        plannedOn: '2026-12-15',
        purpose: '招商回访（示例）',
        confirmDespiteRecent: true,
        synthetic: true,
      },
      as(officer, '2026-12-01T10:00'),
    );
    if (planned.visit) visits++;
  }
  ctx.counts.serviceTickets = tickets;
  ctx.counts.serviceVisits = visits;
}

export async function clearServicesDemo(tx: Db): Promise<void> {
  await tx.query("delete from inbox_notifications where kind like 'services.%'");
  await tx.query('delete from service_tickets');
  await tx.query('delete from service_visits');
  await tx.query('delete from service_policies');
}
