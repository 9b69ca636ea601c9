/**
 * Demo matchmaking session for the 2024 Wuhan–Suzhou industrial-park chain matchmaking conference
 * (events.json, source seed-000: "50 余家苏州园区及企业的代表现场交流", "10 余家企业及机构签约武汉").
 * The article names no one-to-one meetings, so everything here — the sessions, the 56 participants,
 * their requests and the schedule — is synthetic and flagged as such. Wuhan parks are the demo's
 * real parks; Suzhou firms and funds are invented names. Deterministic (fixed seed), fast (< 1 s).
 */

import type { Db } from '../../../db/connect.js';
import { rng } from '../../../domain/random.js';
import { loadConference } from './conference.js';
import * as repo from './repository.js';
import { runScheduler } from './schedule.js';

export const SUZHOU_CONFERENCE = '2024年武汉—苏州产业园区产业链对接交流会';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const GIVEN = [
  '伟',
  '敏',
  '静',
  '磊',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '华',
  '慧',
  '建国',
  '晓东',
  '丽',
  '强',
  '婷',
];
const SUZHOU_FIRMS: [string, 'seller' | 'buyer'][] = [
  ['苏州澄湖精密机械有限公司', 'seller'],
  ['苏州金鸡湖光电科技有限公司', 'seller'],
  ['苏州独墅湖医疗器械有限公司', 'seller'],
  ['苏州阳澄湖智能装备有限公司', 'seller'],
  ['苏州石湖新材料有限公司', 'seller'],
  ['苏州尹山湖半导体有限公司', 'seller'],
  ['苏州白塘生物科技有限公司', 'seller'],
  ['苏州斜塘激光技术有限公司', 'seller'],
  ['苏州星湖软件有限公司', 'seller'],
  ['苏州娄葑汽车电子有限公司', 'seller'],
  ['苏州胜浦电池材料有限公司', 'seller'],
  ['苏州唯亭传感器有限公司', 'seller'],
  ['苏州湖西机器人有限公司', 'seller'],
  ['苏州东沙湖显示科技有限公司', 'seller'],
  ['苏州青剑湖储能科技有限公司', 'seller'],
  ['苏州车坊精密模具有限公司', 'seller'],
  ['苏州甪直新能源有限公司', 'seller'],
  ['苏州木渎医药有限公司', 'seller'],
  ['苏州浒墅关智能制造有限公司', 'seller'],
  ['苏州通安光通信有限公司', 'seller'],
  ['苏州横塘数据科技有限公司', 'seller'],
  ['苏州越溪环保科技有限公司', 'seller'],
  ['苏州园区采购联盟（示例）', 'buyer'],
  ['苏州相城整车配套采购中心（示例）', 'buyer'],
  ['苏州吴中医疗集采平台（示例）', 'buyer'],
  ['苏州高新区电子采购服务中心（示例）', 'buyer'],
  ['苏州昆山精密制造采购部（示例）', 'buyer'],
  ['苏州太仓物流装备采购部（示例）', 'buyer'],
];
const FUNDS = [
  '姑苏产业投资基金（示例）',
  '金鸡湖创新创业投资（示例）',
  '独墅湖生物医药基金（示例）',
  '阳澄湖智能制造基金（示例）',
  '苏州园区科创天使基金（示例）',
  '苏州光电产业基金（示例）',
];

export async function seedConferences(db: Db, demoEnterpriseId?: number): Promise<number> {
  const [ev] = await db.query<{ id: number; on: string | null }>(
    `select id, to_char(started_on, 'YYYY-MM-DD') as on from events where name = $1`,
    [SUZHOU_CONFERENCE],
  );
  if (!ev) return 0;
  const eventId = ev.id;
  // The sessions are on the event's (estimated) day, so the agenda and the event agree.
  const date = ev.on ?? '2024-06-18';
  const rand = rng(20240606);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const person = () => `${pick([...SURNAMES])}${pick(GIVEN)}`;

  await db.query(
    // Venue and table areas are invented for the demo (the settings row is flagged synthetic; the
    // venue text carries the 示例 mark so a printed agenda says so too).
    `insert into conference_settings (event_id, sessions, slot_minutes, table_mode, table_count, table_capacity,
       max_meetings_per_participant, max_meetings_per_session, request_expiry_hours, synthetic, venue, table_areas)
     values ($1, $2::jsonb, 20, 'pooled', 14, 1, 10, 7, 48, true, $3, $4::jsonb) on conflict (event_id) do nothing`,
    [
      eventId,
      JSON.stringify([
        {
          key: 'am',
          name: '上午场',
          date,
          start: '09:00',
          end: '12:00',
          breaks: [{ start: '10:20', end: '10:40' }],
        },
        {
          key: 'pm',
          name: '下午场',
          date,
          start: '14:00',
          end: '17:00',
          breaks: [{ start: '15:20', end: '15:40' }],
        },
      ]),
      '示例会场 3 层多功能厅（示例）',
      JSON.stringify([
        { from: 1, to: 7, location: 'A 区（近主舞台）' },
        { from: 8, to: 14, location: 'B 区（近签到台）' },
      ]),
    ],
  );

  const parks = await db.query<{ name: string }>(
    'select name from parks where not synthetic order by parent_id nulls first, id limit 20',
  );
  const rows: Record<string, unknown>[] = [];
  for (const p of parks) rows.push({ organisation: p.name, person: person(), title: '招商负责人', role: 'park' });
  for (const [name, role] of SUZHOU_FIRMS) {
    // A third of the Suzhou firms only stay for the morning.
    const amOnly = rand() < 0.33;
    rows.push({
      organisation: name,
      person: person(),
      title: role === 'buyer' ? '采购总监' : '总经理',
      role,
      availability: amOnly ? [{ session: 'am', start: '09:00', end: '12:00' }] : null,
    });
  }
  for (const name of FUNDS) rows.push({ organisation: name, person: person(), title: '投资总监', role: 'investor' });
  if (demoEnterpriseId !== undefined) {
    const [e] = await db.query<{ name: string }>('select name from enterprises where id = $1', [demoEnterpriseId]);
    if (e)
      rows.push({
        organisation: e.name,
        person: person(),
        title: '总经理',
        role: 'seller',
        enterprise_id: demoEnterpriseId,
      });
  }
  const ids = (
    await db.query<{ id: number; role: string }>(
      `insert into conference_participants (event_id, organisation, person, title, role, availability, enterprise_id,
         checkin_code, synthetic)
       select $1, x.organisation, x.person, x.title, x.role, x.availability, x.enterprise_id,
              upper(substr(md5(random()::text || x.organisation), 1, 12)), true
         from jsonb_to_recordset($2::jsonb) as x(organisation text, person text, title text, role text,
              availability jsonb, enterprise_id int)
       returning id, role`,
      [eventId, JSON.stringify(rows)],
    )
  ).map((r) => r);
  const byRole = (role: string) => ids.filter((r) => r.role === role).map((r) => r.id);
  const parkIds = byRole('park');
  const sellers = byRole('seller');
  const buyers = byRole('buyer');
  const investors = byRole('investor');

  const seen = new Set<string>();
  const requests: Record<string, unknown>[] = [];
  const ask = (from: number, to: number, status: string, priority: number) => {
    const key = `${Math.min(from, to)}-${Math.max(from, to)}`;
    if (from === to || seen.has(key)) return;
    seen.add(key);
    requests.push({ from_id: from, to_id: to, status, priority });
  };
  const statusOf = () => {
    const r = rand();
    return r < 0.8 ? 'accepted' : r < 0.92 ? 'pending' : 'declined';
  };
  const priorityOf = () => (rand() < 0.2 ? 3 : rand() < 0.7 ? 2 : 1);
  // Suzhou firms ask Wuhan parks about landing; parks ask funds; buyers ask sellers.
  for (const s of sellers)
    for (let k = 0; k < 3 + Math.floor(rand() * 3); k++) ask(s, pick(parkIds), statusOf(), priorityOf());
  for (const i of investors) for (let k = 0; k < 4; k++) ask(pick(parkIds), i, statusOf(), priorityOf());
  for (const b of buyers) for (let k = 0; k < 3; k++) ask(b, pick(sellers), statusOf(), priorityOf());
  await db.query(
    `insert into conference_requests (event_id, from_id, to_id, status, priority, message, expires_at, responded_at, synthetic, created_by)
     select $1, x.from_id, x.to_id, x.status, x.priority, '希望就落地武汉交流（合成数据）',
            case when x.status = 'pending' then now() + interval '48 hours' end,
            case when x.status <> 'pending' then now() end, true, 'demo data'
       from jsonb_to_recordset($2::jsonb) as x(from_id int, to_id int, status text, priority int)`,
    [eventId, JSON.stringify(requests)],
  );

  const c = await loadConference(db, eventId, null);
  await runScheduler(db, c, { keepPublished: false, method: 'heuristic', timeLimitSeconds: 0.15 }, 'demo data');
  await repo.setPublished(db, eventId, true);
  return ids.length;
}
