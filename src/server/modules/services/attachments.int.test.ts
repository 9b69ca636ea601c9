import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, type TestUser } from '../../../../test/helpers/auth.js';
import { ENGINES, type TestDb } from '../../../../test/helpers/db.js';
import { makeBuilding, makeEnterprise, makePark } from '../../../../test/helpers/factories.js';
import { multipart } from '../../../../test/helpers/multipart.js';
import type { TTicket } from '../../../contracts/services.js';
import { backupDatabase, restoreDatabase } from '../../../db/backup/index.js';

/** Every byte value, so the bytea round trip is exercised. */
const PDF = Buffer.from([...Buffer.from('%PDF-1.7\n'), ...Array(256).keys()]);

const dir = mkdtempSync(join(tmpdir(), 'parklink-service-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(ENGINES)('[$name] service ticket files', (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let operator: TestUser;
  let firmA: TestUser;
  let firmB: TestUser;
  let ticket: TTicket;
  let otherTicket: TTicket;
  const targets: TestDb[] = [];
  const call = (u: TestUser, method: string, url: string, payload?: unknown) =>
    app.inject({ method: method as 'GET', url, payload: payload as never, headers: u.headers });
  const upload = (u: TestUser, id: number, file: Parameters<typeof multipart>[0], fields = {}) => {
    const m = multipart(file, fields);
    return app.inject({
      method: 'POST',
      url: `/api/v1/services/tickets/${id}/files`,
      payload: m.payload,
      headers: { ...u.headers, ...m.headers },
    });
  };

  beforeAll(async () => {
    t = await engine.create();
    const { buildApp } = await import('../../../server/app.js');
    app = await buildApp({ db: t.db });
    await app.ready();
    const admin = await makeUser(t.db, 'city_admin');
    const made = async (url: string, body: unknown) => {
      const r = await call(admin, 'POST', url, body);
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as number;
    };
    const parkId = await made('/api/v1/parks', makePark());
    const building = await made('/api/v1/buildings', makeBuilding(parkId));
    const floor = await made('/api/v1/floors', { buildingId: building, floorNo: 1 });
    const unit = await made('/api/v1/units', { floorId: floor, code: 'F1' });
    const a = await made('/api/v1/enterprises', makeEnterprise({ regionCode: '420112' }));
    const b = await made('/api/v1/enterprises', makeEnterprise({ regionCode: '420112' }));
    await made('/api/v1/occupancies', { enterpriseId: a, unitId: unit });
    await made('/api/v1/occupancies', { enterpriseId: b, unitId: unit });
    operator = await makeUser(t.db, 'park_operator', { parkIds: [parkId] });
    firmA = await makeUser(t.db, 'enterprise_user', { enterpriseId: a });
    firmB = await makeUser(t.db, 'enterprise_user', { enterpriseId: b });
    const open = async (u: TestUser, enterpriseId: number) => {
      const r = await call(u, 'POST', '/api/v1/services/tickets', {
        enterpriseId,
        categoryCode: 'finance.financing',
        title: '贷款贴息材料',
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json() as TTicket;
    };
    ticket = await open(firmA, a);
    otherTicket = await open(firmB, b);
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    for (const x of targets) await x.drop();
    await t?.drop();
  });

  let fileId: number;
  let noteFileId: number;

  it('takes a file with a firm’s reply and serves it back to the firm and its butler', async () => {
    const r = await upload(
      firmA,
      ticket.id,
      { name: '营业执照 副本.pdf', bytes: PDF, type: 'text/html' },
      { body: '附上执照' },
    );
    expect(r.statusCode, r.body).toBe(201);
    const msg = r.json().messages.at(-1);
    expect(msg).toMatchObject({ kind: 'reply', fromEnterprise: true, body: '附上执照' });
    expect(msg.files).toEqual([
      { id: expect.any(Number), fileName: '营业执照 副本.pdf', contentType: 'application/pdf', sizeBytes: PDF.length },
    ]);
    fileId = msg.files[0].id;
    for (const u of [firmA, operator]) {
      const d = await call(u, 'GET', `/api/v1/services/tickets/${ticket.id}/files/${fileId}`);
      expect(d.statusCode).toBe(200);
      // the type comes from the extension, not from what the browser claimed
      expect(d.headers['content-type']).toBe('application/pdf');
      expect(d.headers['content-disposition']).toContain(encodeURIComponent('营业执照 副本.pdf'));
      expect(Buffer.from(d.rawPayload).equals(PDF)).toBe(true);
    }
    const [audit] = await t.db.query<{ new_values: Record<string, unknown> }>(
      `select new_values from change_log where entity = 'service_ticket_files' and entity_id = $1`,
      [fileId],
    );
    expect(audit?.new_values).toMatchObject({
      ticketId: ticket.id,
      sizeBytes: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
  });

  it('never lets another firm download or attach to a firm’s ticket', async () => {
    expect((await call(firmB, 'GET', `/api/v1/services/tickets/${ticket.id}/files/${fileId}`)).statusCode).toBe(404);
    // nor through its own ticket's address
    expect((await call(firmB, 'GET', `/api/v1/services/tickets/${otherTicket.id}/files/${fileId}`)).statusCode).toBe(
      404,
    );
    const r = await upload(firmB, ticket.id, { name: 'x.pdf', bytes: PDF });
    expect(r.statusCode).toBe(404);
    expect(await t.db.query('select 1 from service_ticket_files')).toHaveLength(1);
  });

  it('keeps an internal note’s file from the firm', async () => {
    const r = await upload(operator, ticket.id, { name: '内部评估.xlsx', bytes: PDF }, { kind: 'note', body: '内部' });
    expect(r.statusCode, r.body).toBe(201);
    noteFileId = r.json().messages.at(-1).files[0].id;
    expect((await call(operator, 'GET', `/api/v1/services/tickets/${ticket.id}/files/${noteFileId}`)).statusCode).toBe(
      200,
    );
    expect((await call(firmA, 'GET', `/api/v1/services/tickets/${ticket.id}/files/${noteFileId}`)).statusCode).toBe(
      404,
    );
    const seen = (await call(firmA, 'GET', `/api/v1/services/tickets/${ticket.id}`)).json();
    expect(seen.messages.flatMap((m: { files: { id: number }[] }) => m.files.map((f) => f.id))).toEqual([fileId]);
    // a firm writes no notes, with a file or without
    expect((await upload(firmA, ticket.id, { name: 'a.pdf', bytes: PDF }, { kind: 'note' })).statusCode).toBe(403);
  });

  it('refuses a file of the wrong type, an empty one and one over 10 MB, naming the file in zh and en', async () => {
    const exe = await upload(firmA, ticket.id, { name: 'setup.exe', bytes: PDF });
    expect(exe.statusCode).toBe(422);
    expect(exe.json().errors[0]).toMatchObject({ path: ['file'], code: 'services.file_type' });
    expect(exe.json().errors[0].message.zh).toContain('PDF');
    expect(exe.json().errors[0].message.en).toContain('cannot be attached');
    const empty = await upload(firmA, ticket.id, { name: 'a.pdf', bytes: new Uint8Array() });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().errors[0]).toMatchObject({ path: ['file'], code: 'services.file_empty' });
    const big = await upload(firmA, ticket.id, { name: 'big.pdf', bytes: new Uint8Array(10 * 1024 * 1024 + 1) });
    expect(big.statusCode).toBe(413);
    expect(big.json().errors[0]).toMatchObject({ path: ['file'], code: 'services.file_too_big' });
    expect(big.json().errors[0].message).toEqual({ zh: '附件不能超过 10 MB', en: 'A file may be at most 10 MB' });
    const kind = await upload(operator, ticket.id, { name: 'a.pdf', bytes: PDF }, { kind: 'memo' });
    expect(kind.statusCode).toBe(422);
    expect(kind.json().errors[0].path).toEqual(['kind']);
    // nothing half-written: no message without its file
    expect(await t.db.query('select 1 from service_ticket_files')).toHaveLength(2);
  });

  it('moves files with their messages when a duplicate is merged', async () => {
    const dup = await call(firmA, 'POST', '/api/v1/services/tickets', {
      enterpriseId: ticket.enterpriseId,
      categoryCode: 'finance.financing',
      title: '重复提交',
    });
    const dupId = dup.json().id as number;
    const up = await upload(firmA, dupId, { name: '补充.png', bytes: PDF });
    const moved = up.json().messages.at(-1).files[0].id as number;
    const m = await call(operator, 'POST', `/api/v1/services/tickets/${dupId}/actions`, {
      action: 'merge',
      intoTicketId: ticket.id,
    });
    expect(m.statusCode, m.body).toBe(200);
    const d = await call(firmA, 'GET', `/api/v1/services/tickets/${ticket.id}/files/${moved}`);
    expect(d.statusCode).toBe(200);
    expect(d.headers['content-type']).toBe('image/png');
  });

  it('keeps the files in a backup and restores them byte for byte', async () => {
    const file = join(dir, `${engine.name}.jsonl.gz`);
    await backupDatabase(t.db, file);
    const target = await engine.create();
    targets.push(target);
    await restoreDatabase(target.db, file, { replace: true });
    const rows = await target.db.query<{ id: number; content: Uint8Array; sha256: string }>(
      'select id, content, sha256 from service_ticket_files order by id',
    );
    expect(rows.map((r) => r.id)).toContain(fileId);
    for (const r of rows) {
      expect(Buffer.from(r.content).equals(PDF)).toBe(true);
      expect(r.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));
    }
  }, 120_000);
});
