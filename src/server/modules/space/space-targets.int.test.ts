import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { type DemoApp, demoApp } from '../../../../test/helpers/demo.js';
import type { TProgramme, TTargetInput, TTargetSetView } from '../../../contracts/space.js';

type Problem = {
  code: string;
  errors?: { path: (string | number)[]; code: string; message: { zh: string; en: string } }[];
};

describe.each(ENGINES)('[$name] programme targets: draft, publish, history', (engine) => {
  let t: TestDb;
  let d: DemoApp;
  beforeAll(async () => {
    t = await engine.create();
    d = await demoApp(t);
  }, 900_000);
  afterAll(async () => {
    await d?.app.close();
    await t?.drop();
  });

  const view = async (role: keyof DemoApp['users'] = 'city_admin') =>
    (await d.as(d.users[role], 'GET', '/api/v1/space/targets')).body as TTargetSetView;

  it('refuses every role but the city administrator before judging the body', async () => {
    for (const role of ['viewer', 'enterprise_user', 'park_operator', 'city_analyst', 'investment_officer'] as const) {
      const bad = await d.as(d.users[role], 'PUT', '/api/v1/space/targets/draft', { targets: 'x', note: 7 });
      expect(bad.status, role).toBe(403);
      expect((await d.as(d.users[role], 'POST', '/api/v1/space/targets/draft/publish')).status, role).toBe(403);
      expect((await d.as(d.users[role], 'DELETE', '/api/v1/space/targets/draft')).status, role).toBe(403);
    }
    // Those who see the programme read the targets, without the draft; enterprises do not.
    const v = await view('viewer');
    expect(v.targets.length).toBeGreaterThan(0);
    expect(v.draft).toBeNull();
    expect(v.sources).toEqual([]);
    expect((await d.as(d.users.enterprise_user, 'GET', '/api/v1/space/targets')).status).toBe(403);
  });

  it('refuses bad targets naming targets[i].<field> in zh and en, and saves nothing', async () => {
    const cur = await view();
    expect(cur.version).toBe(0);
    const base = cur.targets[0]!;
    const res = await d.as(d.users.city_admin, 'PUT', '/api/v1/space/targets/draft', {
      targets: [
        base,
        { ...base, code: 'x-1', value: -5 },
        { ...base, code: 'x-2', scopeKind: 'district', scopeCode: '999999' },
        { ...base, code: 'x-3', sourceId: null, synthetic: false, periodEnd: '2020-01-01' },
        { ...base, code: 'x-4', metric: 'new_above_scale_firms', value: 12.5 },
      ],
      note: '错误',
    });
    expect(res.status, res.text).toBe(422);
    const errs = (res.body as Problem).errors!;
    const at = (i: number, f: string) => errs.find((e) => e.path.join('.') === `targets.${i}.${f}`);
    expect(at(1, 'value')!.message.en).toContain('positive number in m²');
    expect(at(1, 'value')!.message.zh).toContain('以m²计');
    expect(at(2, 'scopeCode')!.message.zh).toContain('不存在');
    expect(at(2, 'scopeCode')!.message.en).toContain('the registry does not hold');
    expect(at(3, 'sourceId')!.message.en).toContain('must cite its source document');
    expect(at(3, 'periodEnd')!.code).toBe('date_order');
    expect(at(4, 'value')!.message.en).toContain('whole number in firms');
    // An unknown metric is refused by the contract, at its field.
    const metric = await d.as(d.users.city_admin, 'PUT', '/api/v1/space/targets/draft', {
      targets: [{ ...base, metric: 'jobs' }],
      note: 'm',
    });
    expect(metric.status).toBe(422);
    expect((metric.body as Problem).errors![0]!.path).toEqual(['targets', 0, 'metric']);
    expect((await view()).draft).toBeNull();
  });

  it('publishes a draft as the version progress reads, keeps the history, and refuses a stale draft', async () => {
    const cur = await view();
    const area = cur.targets.find((x) => x.metric === 'upstairs_area_m2')!;
    const edited: TTargetInput[] = [
      ...cur.targets.map((x) => (x.code === area.code ? { ...x, value: 2_500_000 } : x)),
      {
        ...area,
        code: 'demo-illustrative',
        label: '示例目标',
        labelEn: 'Illustrative target',
        sourceId: null,
        synthetic: true,
        value: 1000,
      },
    ];
    const saved = await d.as(d.users.city_admin, 'PUT', '/api/v1/space/targets/draft', {
      targets: edited,
      note: '提高面积目标',
    });
    expect(saved.status, saved.text).toBe(200);
    // A draft is not in force: progress still reads the seeded value.
    const prog = async () => (await d.as(d.users.city_admin, 'GET', '/api/v1/space/programme')).body as TProgramme;
    expect((await prog()).targets.find((x) => x.code === area.code)!.value).toBe(area.value);
    expect((await view('viewer')).draft).toBeNull();
    expect((await view()).draft!.baseVersion).toBe(0);

    const pub = await d.as(d.users.city_admin, 'POST', '/api/v1/space/targets/draft/publish');
    expect(pub.status, pub.text).toBe(200);
    expect((pub.body as { version: number }).version).toBe(1);
    const p1 = await prog();
    expect(p1.targets.find((x) => x.code === area.code)!.value).toBe(2_500_000);
    expect(p1.targets.find((x) => x.code === 'demo-illustrative')!.synthetic).toBe(true);
    const after = await view();
    expect(after.version).toBe(1);
    expect(after.draft).toBeNull();
    expect(after.versions.map((v) => [v.version, v.note, v.count])).toEqual([[1, '提高面积目标', edited.length]]);
    expect((await d.as(d.users.city_admin, 'POST', '/api/v1/space/targets/draft/publish')).status).toBe(409);
    const [audit] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from change_log where entity = 'space_target_sets' and entity_id = '1'`,
    );
    expect(audit!.n).toBe(1);
    await expect(t.db.query(`update space_target_sets set note = 'x' where version = 1`)).rejects.toThrow(
      /never changes/,
    );

    // A draft started from version 1 cannot publish over a version 2 published meanwhile.
    await d.as(d.users.city_admin, 'PUT', '/api/v1/space/targets/draft', { targets: cur.targets, note: '还原' });
    await t.db.query(`update space_drafts set base_version = 0 where kind = 'targets'`);
    const stale = await d.as(d.users.city_admin, 'POST', '/api/v1/space/targets/draft/publish');
    expect(stale.status).toBe(409);
    expect((stale.body as Problem).code).toBe('space.draft_stale');
    await t.db.query(`update space_drafts set base_version = 1 where kind = 'targets'`);
    expect((await d.as(d.users.city_admin, 'POST', '/api/v1/space/targets/draft/publish')).status).toBe(200);
    const v = await view('viewer');
    expect(v.versions.map((x) => x.version)).toEqual([2, 1]);
    const v1 = (await d.as(d.users.viewer, 'GET', '/api/v1/space/targets/versions/1')).body as {
      targets: TTargetInput[];
    };
    expect(v1.targets.find((x) => x.code === area.code)!.value).toBe(2_500_000);
    expect((await prog()).targets.find((x) => x.code === area.code)!.value).toBe(area.value);
    expect((await d.as(d.users.city_admin, 'DELETE', '/api/v1/space/targets/draft')).status).toBe(404);
  });
});
