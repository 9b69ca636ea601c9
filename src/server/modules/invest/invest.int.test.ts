import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authedApp, makeUser, type TestUser } from '../../../../test/helpers/auth.js';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { makeEnterprise, makePark } from '../../../../test/helpers/factories.js';
import { multipart } from '../../../../test/helpers/multipart.js';
import { isoWeekOf } from '../../../domain/invest/follow-up.js';

const today = () => new Date().toISOString().slice(0, 10);
const shift = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe.each(ENGINES)('[$name] investment projects', (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let officer: TestUser;
  let other: TestUser;
  let district: TestUser;
  let parkIn: number;
  let parkOut: number;
  let firm: number;
  let shFirm: number;

  const as = (u: TestUser | null, opts: Record<string, unknown>) =>
    app.inject({
      ...opts,
      headers: { ...((opts.headers as Record<string, string>) ?? {}), ...(u ? u.headers : {}) },
    } as never);
  const create = async (u: TestUser | null, body: Record<string, unknown>) => {
    const res = await as(u, { method: 'POST', url: '/api/v1/projects', payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; version: number; stage: string };
  };

  beforeAll(async () => {
    t = await engine.create();
    app = await authedApp(t.db);
    parkIn = (
      await app.inject({ method: 'POST', url: '/api/v1/parks', payload: makePark({ regionCode: '420112' }) })
    ).json().id;
    parkOut = (
      await app.inject({ method: 'POST', url: '/api/v1/parks', payload: makePark({ regionCode: '420106' }) })
    ).json().id;
    firm = (await app.inject({ method: 'POST', url: '/api/v1/enterprises', payload: makeEnterprise() })).json().id;
    shFirm = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/enterprises',
        payload: makeEnterprise({ name: '上海某光电有限公司', regionCode: '310115' }),
      })
    ).json().id;
    officer = await makeUser(t.db, 'investment_officer');
    other = await makeUser(t.db, 'investment_officer');
    district = await makeUser(t.db, 'district_user', { regionCodes: ['420112'] });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('creates a project owned by its creator and moves it along the stage machine with a timeline', async () => {
    const p = await create(officer, {
      codeName: 'T-001',
      investorName: '某激光企业',
      investmentWan: 5000,
      parkId: parkIn,
    });
    expect(p).toMatchObject({ stage: 'lead', ownerId: officer.userId, canEdit: true, originRegion: 'unknown' });
    const skip = await as(officer, {
      method: 'POST',
      url: `/api/v1/projects/${p.id}/stage`,
      payload: { version: 1, stage: 'started' },
    });
    expect(skip.statusCode).toBe(422);
    expect(skip.json().errors[0]).toMatchObject({ path: ['stage'] });
    expect(skip.json().errors[0].message.zh).toContain('须先签约');
    // A signing records its date, its kind of agreement and the contracted investment.
    const bare = await as(officer, {
      method: 'POST',
      url: `/api/v1/projects/${p.id}/stage`,
      payload: { version: 1, stage: 'signed' },
    });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().errors.map((e: { path: string[] }) => e.path[0])).toEqual([
      'onDate',
      'agreementKind',
      'contractedInvestmentWan',
    ]);
    expect(bare.json().errors[1].message.zh).toContain('协议类型');
    const future = await as(officer, {
      method: 'POST',
      url: `/api/v1/projects/${p.id}/stage`,
      payload: {
        version: 1,
        stage: 'signed',
        onDate: '2999-01-01',
        agreementKind: 'framework',
        contractedInvestmentWan: 1,
      },
    });
    expect(future.json().errors).toMatchObject([
      { path: ['onDate'], message: { en: 'Not an allowed value: The date cannot be in the future' } },
    ]);
    const signed = await as(officer, {
      method: 'POST',
      url: `/api/v1/projects/${p.id}/stage`,
      payload: {
        version: 1,
        stage: 'signed',
        onDate: today(),
        agreementKind: 'investment',
        contractedInvestmentWan: 4800,
      },
    });
    expect(signed.json()).toMatchObject({
      stage: 'signed',
      version: 2,
      signedOn: today(),
      agreementKind: 'investment',
      contractedInvestmentWan: 4800,
    });
    const lostNoReason = await as(officer, {
      method: 'POST',
      url: `/api/v1/projects/${p.id}/stage`,
      payload: { version: 2, stage: 'lost' },
    });
    expect(lostNoReason.statusCode).toBe(422);
    expect(lostNoReason.json().errors[0]).toMatchObject({ path: ['reason'], code: 'required' });
    const lost = await as(officer, {
      method: 'POST',
      url: `/api/v1/projects/${p.id}/stage`,
      payload: { version: 2, stage: 'lost', reason: '投资方改投他市' },
    });
    expect(lost.json()).toMatchObject({ stage: 'lost', lostReason: '投资方改投他市', lostFromStage: 'signed' });
    const detail = (await as(officer, { method: 'GET', url: `/api/v1/projects/${p.id}` })).json();
    expect(detail.timeline.map((e: { kind: string; toStage: string | null }) => `${e.kind}:${e.toStage}`)).toEqual([
      'stage:lost',
      'stage:signed',
      'created:lead',
    ]);
  });

  it('refuses a stale version with 409 and the current project, and reports every invalid field', async () => {
    const p = await create(officer, { codeName: 'T-002', investorName: '甲', parkId: parkIn });
    const ok = await as(officer, {
      method: 'PATCH',
      url: `/api/v1/projects/${p.id}`,
      payload: { version: 1, jobs: 120 },
    });
    expect(ok.json()).toMatchObject({ jobs: 120, version: 2 });
    const stale = await as(officer, {
      method: 'PATCH',
      url: `/api/v1/projects/${p.id}`,
      payload: { version: 1, jobs: 5 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'stale_version', current: { jobs: 120, version: 2 } });
    const bad = await as(officer, {
      method: 'PATCH',
      url: `/api/v1/projects/${p.id}`,
      payload: { version: 2, parkId: 999999, nodeId: 'oe.nowhere', sourceKind: 'referral', codeName: 'T-001' },
    });
    expect(bad.statusCode).toBe(422);
    const paths = bad
      .json()
      .errors.map((e: { path: string[] }) => e.path.join('.'))
      .sort();
    expect(paths).toEqual(['codeName', 'nodeId', 'parkId', 'referrerEnterpriseId']);
    const fields = (await as(officer, { method: 'GET', url: `/api/v1/projects/${p.id}` })).json().timeline[0];
    expect(fields).toMatchObject({ kind: 'fields', changes: { jobs: [null, 120] } });
  });

  it('turns a chain candidate into a lead once and answers 409 with the open project the second time', async () => {
    const body = {
      chainCode: 'oe',
      nodeId: 'oe.sub',
      enterpriseId: shFirm,
      scope: 'city',
      reasons: ['缺失环节'],
      score: 0.8,
    };
    const first = await as(officer, { method: 'POST', url: '/api/v1/projects/from-candidate', payload: body });
    expect(first.statusCode, first.body).toBe(201);
    const again = await as(officer, { method: 'POST', url: '/api/v1/projects/from-candidate', payload: body });
    expect(again.statusCode).toBe(409);
    expect(again.json().projectId).toBe(first.json().id);
    const p = (await as(officer, { method: 'GET', url: `/api/v1/projects/${first.json().id}` })).json().project;
    expect(p).toMatchObject({
      sourceKind: 'chain_gap',
      nodeId: 'oe.sub',
      investorEnterpriseId: shFirm,
      originRegion: 'yrd',
    });
  });

  it('lists shortlisted candidates until they are converted', async () => {
    const [s] = await t.db.query<{ id: number }>(
      `insert into chain_shortlist (chain_code, node_id, enterprise_id, scope) values ('oe', 'oe.optmat', $1, 'city') returning id`,
      [firm],
    );
    const before = (await as(officer, { method: 'GET', url: '/api/v1/invest/shortlist' })).json().items;
    expect(before.map((x: { id: number }) => x.id)).toContain(s!.id);
    const conv = await as(officer, { method: 'POST', url: `/api/v1/invest/shortlist/${s!.id}/convert` });
    expect(conv.statusCode).toBe(201);
    const after = (await as(officer, { method: 'GET', url: '/api/v1/invest/shortlist' })).json().items;
    expect(after.map((x: { id: number }) => x.id)).not.toContain(s!.id);
  });

  it('records follow-ups, flags overdue ones and lists reminders', async () => {
    const p = await create(officer, { codeName: 'T-003', investorName: '乙', nextFollowUpOn: shift(-3) });
    const list = (await as(officer, { method: 'GET', url: '/api/v1/projects?overdue=true' })).json();
    expect(list.items.map((x: { codeName: string }) => x.codeName)).toContain('T-003');
    const rem = (await as(officer, { method: 'GET', url: '/api/v1/invest/reminders' })).json();
    expect(rem.followUps.find((f: { codeName: string }) => f.codeName === 'T-003')).toMatchObject({
      bucket: 'overdue',
    });
    const bad = await as(officer, {
      method: 'POST',
      url: `/api/v1/projects/${p.id}/follow-ups`,
      payload: { onDate: today(), kind: 'phone', note: '' },
    });
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .errors.map((e: { path: string[] }) => e.path[0])
        .sort(),
    ).toEqual(['kind', 'note']);
    const fu = await as(officer, {
      method: 'POST',
      url: `/api/v1/projects/${p.id}/follow-ups`,
      payload: { onDate: today(), kind: 'call', note: '约定下周考察', nextOn: shift(5) },
    });
    expect(fu.statusCode).toBe(201);
    const after = (await as(officer, { method: 'GET', url: `/api/v1/projects/${p.id}` })).json();
    expect(after.project).toMatchObject({ overdue: false, nextFollowUpOn: shift(5) });
    expect(after.followUps).toHaveLength(1);
    const rem2 = (await as(officer, { method: 'GET', url: '/api/v1/invest/reminders' })).json();
    expect(rem2.followUps.find((f: { codeName: string }) => f.codeName === 'T-003')).toMatchObject({
      bucket: 'this_week',
    });
  });

  it('runs a supervision order from issue to response to closing, and flags it overdue', async () => {
    const p = await create(officer, { codeName: 'T-004', investorName: '丙' });
    expect(
      (
        await as(officer, {
          method: 'POST',
          url: `/api/v1/projects/${p.id}/orders`,
          payload: { instruction: '本周内上门', dueOn: shift(2) },
        })
      ).statusCode,
    ).toBe(403);
    const issued = await app.inject({
      method: 'POST',
      url: `/api/v1/projects/${p.id}/orders`,
      payload: { instruction: '本周内上门', dueOn: shift(2) },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const o = issued.json();
    expect(o).toMatchObject({ status: 'open', assigneeId: officer.userId, overdue: false });
    await t.db.query('update supervision_orders set due_on = $2 where id = $1', [o.id, shift(-1)]);
    const mine = (await as(officer, { method: 'GET', url: '/api/v1/invest/orders?mine=true&status=open' })).json()
      .items;
    expect(mine.find((x: { id: number }) => x.id === o.id)).toMatchObject({ overdue: true });
    expect(
      (
        await as(other, {
          method: 'POST',
          url: `/api/v1/invest/orders/${o.id}/respond`,
          payload: { response: 'x', version: 1 },
        })
      ).statusCode,
    ).toBe(404);
    const empty = await as(officer, {
      method: 'POST',
      url: `/api/v1/invest/orders/${o.id}/respond`,
      payload: { response: '', version: 1 },
    });
    expect(empty.statusCode).toBe(422);
    const closeEarly = await app.inject({
      method: 'POST',
      url: `/api/v1/invest/orders/${o.id}/close`,
      payload: { version: 1 },
    });
    expect(closeEarly.statusCode).toBe(422);
    const resp = await as(officer, {
      method: 'POST',
      url: `/api/v1/invest/orders/${o.id}/respond`,
      payload: { response: '已上门，企业确认考察日期', version: 1 },
    });
    expect(resp.json()).toMatchObject({ status: 'responded', overdue: false });
    const closed = await app.inject({
      method: 'POST',
      url: `/api/v1/invest/orders/${o.id}/close`,
      payload: { version: 2 },
    });
    expect(closed.json()).toMatchObject({ status: 'closed' });
  });

  it('writes a weekly digest with moves, overdue follow-ups and open orders, as JSON and Markdown', async () => {
    const p = await create(officer, { codeName: 'T-005', investorName: '丁', nextFollowUpOn: shift(-10) });
    await as(officer, {
      method: 'POST',
      url: `/api/v1/projects/${p.id}/stage`,
      payload: { version: 1, stage: 'negotiation' },
    });
    await app.inject({
      method: 'POST',
      url: `/api/v1/projects/${p.id}/orders`,
      payload: { instruction: '督促签约', dueOn: shift(3) },
    });
    const d = (await as(officer, { method: 'GET', url: `/api/v1/invest/digest?week=${isoWeekOf(today())}` })).json();
    expect(d.moves.find((m: { codeName: string }) => m.codeName === 'T-005')).toMatchObject({
      fromStage: 'lead',
      toStage: 'negotiation',
    });
    expect(d.overdue.find((m: { codeName: string }) => m.codeName === 'T-005')).toMatchObject({ daysOverdue: 10 });
    expect(d.orders.map((o: { codeName: string }) => o.codeName)).toContain('T-005');
    const md = await as(officer, { method: 'GET', url: '/api/v1/invest/digest?format=md&lang=en' });
    expect(md.headers['content-type']).toContain('text/markdown');
    expect(md.body).toContain('**T-005**: lead → negotiation');
    expect((await as(other, { method: 'GET', url: `/api/v1/invest/digest?userId=${officer.userId}` })).statusCode).toBe(
      403,
    );
    expect((await as(officer, { method: 'GET', url: '/api/v1/invest/digest?week=2026-99' })).statusCode).toBe(422);
  });

  it('scopes projects by role and hides the investor behind the code name', async () => {
    const own = await create(officer, {
      codeName: 'S-OWN',
      name: '某机密项目',
      investorName: '机密投资方',
      parkId: parkIn,
    });
    const shared = await create(other, {
      codeName: 'S-SHARED',
      investorName: '共享投资方',
      shared: true,
      parkId: parkOut,
    });
    const hidden = await create(other, { codeName: 'S-HIDDEN', investorName: '别人的投资方', parkId: parkOut });
    const seen = (await as(officer, { method: 'GET', url: '/api/v1/projects?q=S-&limit=100' })).json().items as {
      codeName: string;
      investorName: string | null;
      redacted?: string[];
      canEdit: boolean;
    }[];
    expect(seen.map((x) => x.codeName).sort()).toEqual(['S-OWN', 'S-SHARED']);
    expect(seen.find((x) => x.codeName === 'S-OWN')).toMatchObject({ investorName: '机密投资方', canEdit: true });
    expect(seen.find((x) => x.codeName === 'S-SHARED')).toMatchObject({ investorName: null, canEdit: false });
    expect(seen.find((x) => x.codeName === 'S-SHARED')?.redacted).toContain('investorName');
    await as(other, {
      method: 'POST',
      url: `/api/v1/projects/${shared.id}/follow-ups`,
      payload: { onDate: today(), kind: 'call', note: '与共享投资方董事长通话' },
    });
    const sharedDetail = (await as(officer, { method: 'GET', url: `/api/v1/projects/${shared.id}` })).json();
    expect(sharedDetail.followUps[0].note).toBeNull();
    expect(sharedDetail.contactsHidden).toBe(true);
    expect(JSON.stringify(sharedDetail)).not.toContain('共享投资方');
    const xlsx = await as(officer, { method: 'GET', url: '/api/v1/projects/export?q=S-' });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => [r[1], r[3]]).sort()).toEqual([
      ['S-OWN', '机密投资方'],
      ['S-SHARED', '保密'],
    ]);
    // Searching an investor name one may not see finds nothing.
    expect((await as(officer, { method: 'GET', url: '/api/v1/projects?q=共享投资方' })).json().total).toBe(0);
    expect((await as(officer, { method: 'GET', url: `/api/v1/projects/${hidden.id}` })).statusCode).toBe(404);
    expect(
      (await as(officer, { method: 'PATCH', url: `/api/v1/projects/${shared.id}`, payload: { version: 1, jobs: 1 } }))
        .statusCode,
    ).toBe(403);
    // The district sees projects landing in its parks, under their code names.
    const d = (await as(district, { method: 'GET', url: '/api/v1/projects?q=S-' })).json().items as {
      codeName: string;
      name: string | null;
    }[];
    expect(d.map((x) => x.codeName)).toEqual(['S-OWN']);
    expect(d[0]?.name).toBeNull();
    // The team sees the investor.
    await as(officer, {
      method: 'PATCH',
      url: `/api/v1/projects/${own.id}`,
      payload: { version: 1, teamIds: [other.userId] },
    });
    const team = (await as(other, { method: 'GET', url: `/api/v1/projects/${own.id}` })).json();
    expect(team.project).toMatchObject({ investorName: '机密投资方', canEdit: true });
    const viewer = await makeUser(t.db, 'viewer');
    expect((await as(viewer, { method: 'GET', url: '/api/v1/projects' })).json().total).toBe(0);
    expect(
      (await as(viewer, { method: 'POST', url: '/api/v1/projects', payload: { codeName: 'V', investorName: 'x' } }))
        .statusCode,
    ).toBe(403);
  });

  it('shows the investor’s old and new names in the timeline to those who may see them, and only to them', async () => {
    const p = await create(other, { codeName: 'TL-NAME', investorName: '旧投资方', shared: true, parkId: parkOut });
    const patched = await as(other, {
      method: 'PATCH',
      url: `/api/v1/projects/${p.id}`,
      payload: { version: p.version, investorName: '新投资方', description: '新说明' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    // the city administrator (app.inject's default user) and the owner read the change
    for (const u of [null, other]) {
      const fields = (await as(u, { method: 'GET', url: `/api/v1/projects/${p.id}` })).json().timeline[0];
      expect(fields).toMatchObject({
        kind: 'fields',
        changes: { investorName: ['旧投资方', '新投资方'], description: [null, '新说明'] },
      });
    }
    // a change leaves the fields it does not name as they were (no create defaults)
    const changed = (await as(null, { method: 'GET', url: `/api/v1/projects/${p.id}` })).json().timeline[0].changes;
    expect(Object.keys(changed).sort()).toEqual(['description', 'investorName']);
    // another officer sees the shared project behind its code name: the change, without its values
    const seen = await as(officer, { method: 'GET', url: `/api/v1/projects/${p.id}` });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().timeline[0].changes.investorName).toEqual(['…', '…']);
    expect(seen.body).not.toContain('投资方');
    expect(seen.body).not.toContain('新说明');
  });

  it('attaches a file to a project as a document, downloads it, and withholds it behind the code name', async () => {
    const p = await create(other, { codeName: 'F-001', investorName: '附件投资方', shared: true, parkId: parkOut });
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) % 256);
    const up = await as(other, {
      method: 'POST',
      url: `/api/v1/projects/${p.id}/documents/upload`,
      ...multipart({ name: '投资协议（草案）.pdf', bytes, type: 'application/pdf' }, { note: '第二稿' }),
    });
    expect(up.statusCode, up.body).toBe(201);
    const doc = up.json() as { id: number; name: string; fileName: string; sizeBytes: number };
    expect(doc).toMatchObject({ name: '投资协议（草案）.pdf', fileName: '投资协议（草案）.pdf', sizeBytes: 300_000 });

    const detail = (await as(other, { method: 'GET', url: `/api/v1/projects/${p.id}` })).json();
    expect(detail.documents.find((d: { id: number }) => d.id === doc.id)).toMatchObject({
      note: '第二稿',
      fileName: '投资协议（草案）.pdf',
      contentType: 'application/pdf',
      sizeBytes: 300_000,
    });
    expect(detail.timeline.some((e: { kind: string }) => e.kind === 'document')).toBe(true);
    const file = await as(other, { method: 'GET', url: `/api/v1/projects/${p.id}/documents/${doc.id}/file` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(String(file.headers['content-disposition'])).toContain(encodeURIComponent('投资协议（草案）.pdf'));
    expect(Buffer.compare(file.rawPayload, Buffer.from(bytes))).toBe(0);

    // the officer sees the shared project behind its code name: no documents, no file, no upload
    const seen = (await as(officer, { method: 'GET', url: `/api/v1/projects/${p.id}` })).json();
    expect(seen.documents).toEqual([]);
    // nor the file's name in the timeline (it can name the investor)
    expect(JSON.stringify(seen.timeline)).not.toContain('投资协议');
    expect(
      (await as(officer, { method: 'GET', url: `/api/v1/projects/${p.id}/documents/${doc.id}/file` })).statusCode,
    ).toBe(404);
    const small = multipart({ name: 'x.txt', bytes: new Uint8Array([1, 2, 3]) });
    expect(
      (await as(officer, { method: 'POST', url: `/api/v1/projects/${p.id}/documents/upload`, ...small })).statusCode,
    ).toBe(403);

    // no file: 422 naming the field; too large: 413, and nothing written
    const none = await as(other, {
      method: 'POST',
      url: `/api/v1/projects/${p.id}/documents/upload`,
      payload: '--b\r\nContent-Disposition: form-data; name="note"\r\n\r\nx\r\n--b--\r\n',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
    });
    expect(none.statusCode).toBe(422);
    expect(none.json().errors[0].path).toEqual(['file']);
    const big = await as(other, {
      method: 'POST',
      url: `/api/v1/projects/${p.id}/documents/upload`,
      ...multipart({ name: 'big.bin', bytes: new Uint8Array(20 * 1024 * 1024 + 1) }),
    });
    expect(big.statusCode).toBe(413);
    const after = (await as(other, { method: 'GET', url: `/api/v1/projects/${p.id}` })).json();
    expect(after.documents).toHaveLength(1);

    // removing the document removes its file
    const del = await as(other, { method: 'DELETE', url: `/api/v1/projects/${p.id}/documents/${doc.id}` });
    expect(del.statusCode).toBe(204);
    expect(
      (await as(other, { method: 'GET', url: `/api/v1/projects/${p.id}/documents/${doc.id}/file` })).statusCode,
    ).toBe(404);
    const [left] = await t.db.query<{ n: number }>(
      'select count(*) as n from project_document_files where document_id = $1',
      [doc.id],
    );
    expect(left?.n).toBe(0);
  });

  it('aggregates the dashboard: funnel, signings by event, region and officer, conversion', async () => {
    const [src] = await t.db.query<{ id: string }>(`select id from sources where id = 'user'`);
    const [ev] = await t.db.query<{ id: number }>(
      `insert into events (name, kind, city, source_id) values ('测试对接会', 'matchmaking_conference', '苏州', $1) returning id`,
      [src!.id],
    );
    const a = await create(null, {
      codeName: 'D-A',
      investorName: 'A',
      investorRegionCode: '320500',
      investmentWan: 1000,
      ownerId: other.userId,
    });
    const b = await create(null, {
      codeName: 'D-B',
      investorName: 'B',
      investorRegionCode: '440300',
      investmentWan: 300,
      ownerId: other.userId,
    });
    const c = await create(null, { codeName: 'D-C', investorName: 'C', investorCountry: 'DE', ownerId: other.userId });
    // Funds in place arrive later: a's signing has 600 of its 1000 contracted.
    const SIGNING: Record<string, object> = {
      signed: { agreementKind: 'contract', contractedInvestmentWan: 1000 },
      started: {},
    };
    for (const [p, stages] of [
      [a, ['signed', 'started']],
      [b, ['signed']],
      [c, ['contact']],
    ] as const) {
      let v = 1;
      for (const s of stages) {
        expect(
          (
            await app.inject({
              method: 'POST',
              url: `/api/v1/projects/${p.id}/stage`,
              payload: { version: v++, stage: s, onDate: today(), ...SIGNING[s] },
            })
          ).statusCode,
        ).toBe(200);
      }
    }
    for (const [p, kind] of [
      [a, 'signing'],
      [b, 'signing'],
      [c, 'intention'],
      [a, 'intention'],
    ] as const) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/invest/events/${ev!.id}/outcomes`,
        payload: { projectId: p.id, kind },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const funds = await app.inject({
      method: 'PATCH',
      url: `/api/v1/projects/${a.id}`,
      payload: { version: 3, fundsInPlaceWan: 600, libraryOn: today(), statsOn: today() },
    });
    expect(funds.statusCode, funds.body).toBe(200);
    const dash = (await app.inject({ method: 'GET', url: `/api/v1/invest/dashboard?eventId=${ev!.id}` })).json();
    expect(dash.total).toBe(3);
    expect(dash.signings).toMatchObject({
      count: 2,
      contractedWan: 2000,
      fundsInPlaceWan: 600,
      fundsRate: 0.3,
      inLibrary: 1,
      inStats: 1,
    });
    expect(dash.signings.byAgreement.find((x: { kind: string }) => x.kind === 'contract')).toEqual({
      kind: 'contract',
      count: 2,
      contractedWan: 2000,
    });
    expect(dash.funnel.find((f: { stage: string }) => f.stage === 'signed')).toEqual({
      stage: 'signed',
      current: 1,
      reached: 2,
    });
    expect(dash.byEvent).toEqual([
      {
        key: String(ev!.id),
        label: '测试对接会',
        projects: 2,
        signings: 2,
        investmentWan: 1300,
        contractedWan: 2000,
        fundsInPlaceWan: 600,
        started: 1,
      },
    ]);
    expect(dash.byRegion.map((g: { key: string; signings: number }) => `${g.key}:${g.signings}`)).toEqual([
      'yrd:1',
      'gba:1',
      'overseas:0',
    ]);
    expect(dash.byOfficer[0]).toMatchObject({ key: String(other.userId), signings: 2, investmentWan: 1300 });
    expect(dash.conversion).toEqual({ intentions: 2, signed: 1, started: 1 });
    const evd = (await app.inject({ method: 'GET', url: `/api/v1/invest/events/${ev!.id}` })).json();
    expect(evd.event).toMatchObject({
      signedProjects: 2,
      intentionProjects: 2,
      startedProjects: 1,
      producingProjects: 0,
    });
    // A project one may not open shows its code name and stage at the event, not its planned investment.
    const seenByOfficer = (await as(officer, { method: 'GET', url: `/api/v1/invest/events/${ev!.id}` })).json()
      .outcomes as { readable: boolean; investmentWan: number | null }[];
    expect(seenByOfficer.filter((o) => !o.readable).length).toBeGreaterThan(0);
    expect(seenByOfficer.filter((o) => !o.readable).every((o) => o.investmentWan === null)).toBe(true);
    expect(evd.outcomes.some((o: { investmentWan: number | null }) => o.investmentWan !== null)).toBe(true);
    const dup = await app.inject({
      method: 'POST',
      url: `/api/v1/invest/events/${ev!.id}/outcomes`,
      payload: { projectId: a.id, kind: 'signing' },
    });
    expect(dup.statusCode).toBe(409);
  });

  it('stores an event’s organisers, participants and itinerary, versioned', async () => {
    const [ev] = await t.db.query<{ id: number }>(
      `insert into events (name, kind, city, source_id) values ('赴深圳', 'delegation', '深圳', 'user') returning id`,
    );
    const body = {
      version: 1,
      organisers: [{ name: '市经信局' }],
      participantOrgs: [{ name: '某园区', kind: 'park' }],
      people: [{ name: '张三', title: '处长' }],
      itinerary: [
        { kind: 'park', place: '某科技园', onDate: '2024-05-01', parkId: parkIn },
        { kind: 'enterprise', place: '某企业', enterpriseId: 99999 },
      ],
    };
    const bad = await app.inject({ method: 'PUT', url: `/api/v1/invest/events/${ev!.id}/details`, payload: body });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toEqual(['itinerary', 1, 'enterpriseId']);
    body.itinerary[1] = { kind: 'enterprise', place: '某企业', enterpriseId: firm } as never;
    const ok = await app.inject({ method: 'PUT', url: `/api/v1/invest/events/${ev!.id}/details`, payload: body });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().itinerary.map((i: { place: string }) => i.place)).toEqual(['某科技园', '某企业']);
    expect(
      (await app.inject({ method: 'PUT', url: `/api/v1/invest/events/${ev!.id}/details`, payload: body })).statusCode,
    ).toBe(409);
  });
});
