/**
 * npm run bench:conference — a 500-participant matchmaking session run the way an organiser runs it,
 * through the HTTP API and the browser (issue 6, "done means"): import the participants from a CSV,
 * import the accepted requests from a CSV (and send a few more one by one), run the scheduler, publish, then fetch every agenda, download the
 * agendas workbook, open the printable agendas of all participants (one page each, with a QR code)
 * in Debian's Chromium and print them to PDF. Each step is timed; nothing is asserted.
 *
 * The server is this checkout's (`buildApp` on an in-memory PGlite with the demo data, web UI from
 * dist/web — run `npx vite build` first if it is missing); the browser signs in as demo-admin.
 *
 *   npx tsx bench/conference.ts [--participants 500] [--requests 3000] [--seed 3] [--time-limit 10]
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { connect } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { rng } from '../src/domain/random.js';
import { buildApp } from '../src/server/app.js';
import { seedDemo, seedReference } from '../src/server/platform/seed.js';

const { values: args } = parseArgs({
  options: {
    participants: { type: 'string', default: '500' },
    requests: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '3' },
    'time-limit': { type: 'string', default: '10' },
  },
});
const N = Number(args.participants);
const R = Number(args.requests);
const started = performance.now();
const log = (s: string) => console.error(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${s}`);
const ms = (x: number) => `${Math.round(x)} ms`;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');

async function main() {
  const db = await connect({ dataDir: 'memory://' });
  await migrate(db);
  await seedReference(db);
  await seedDemo(db);
  const app = await buildApp({ db, webDir: join(process.cwd(), 'dist/web') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const rows: [string, string, string][] = [];
  try {
    const ctx = await browser.newContext({ baseURL: base, locale: 'zh-CN' });
    const http = ctx.request;
    const signIn = await http.post('/api/v1/auth/sign-in', {
      data: { username: 'demo-admin', password: 'parklink-demo' },
    });
    if (!signIn.ok()) throw new Error(`sign-in ${signIn.status()}`);
    const { csrfToken } = (await (await http.get('/api/v1/auth/session')).json()) as { csrfToken: string };
    const headers = { 'x-csrf-token': csrfToken };
    const call = async (method: 'post' | 'put', path: string, data: unknown) => {
      const res = await http[method](`/api/v1${path}`, { headers, data: data as object });
      if (!res.ok()) throw new Error(`${method} ${path} → ${res.status()} ${await res.text()}`);
      return res.json();
    };
    const timed = async <T>(what: string, note: (x: T) => string, f: () => Promise<T>) => {
      const t0 = performance.now();
      const out = await f();
      const t = performance.now() - t0;
      rows.push([what, ms(t), note(out)]);
      log(`${what}: ${ms(t)}`);
      return out;
    };

    const { id } = (await call('post', '/events', {
      name: `基准对接会 ${N} 人`,
      kind: 'matchmaking_conference',
      city: '武汉',
    })) as { id: number };
    const confPath = `/events/${id}/conference`;
    await call('put', confPath, {
      sessions: [
        { key: 'am', name: '上午场', date: '2026-12-01', start: '09:00', end: '12:00', breaks: [] },
        { key: 'pm', name: '下午场', date: '2026-12-01', start: '14:00', end: '17:00', breaks: [] },
      ],
      slotMinutes: 20,
      tableMode: 'pooled',
      tableCount: Math.ceil(N / 2),
      tableCapacity: 1,
      maxMeetingsPerParticipant: 12,
      maxMeetingsPerSession: 8,
      requestExpiryHours: 72,
      organiserUserIds: [],
    });

    // participants: a CSV as an organiser would upload it
    const rand = rng(Number(args.seed));
    const roles = ['采购方', '供应方', '投资方', '园区'];
    const csv = [
      '单位,代表,职务,联系方式,角色',
      ...Array.from({ length: N }, (_, i) => {
        const x = rand();
        const role = x < 0.35 ? roles[0] : x < 0.7 ? roles[1] : x < 0.85 ? roles[2] : roles[3];
        return `基准单位${i + 1},代表${i + 1},经理,,${role}`;
      }),
    ].join('\n');
    await timed(
      `import ${N} participants (CSV upload)`,
      (x: { imported: number }) => `${x.imported} imported`,
      async () => {
        const res = await http.post(`/api/v1${confPath}/participants/import`, {
          headers,
          multipart: { file: { name: 'participants.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) } },
        });
        if (!res.ok()) throw new Error(`import → ${res.status()} ${await res.text()}`);
        return res.json();
      },
    );
    const people = (
      (await (await http.get(`/api/v1${confPath}/participants`)).json()) as {
        items: { id: number; organisation: string }[];
      }
    ).items;

    // accepted requests between distinct pairs, popular participants asked more often
    const weight = people.map(() => Math.min(4, 1 / (0.25 + rand())));
    const total = weight.reduce((a, b) => a + b, 0);
    const draw = () => {
      let x = rand() * total;
      for (let i = 0; i < weight.length; i++) {
        x -= weight[i]!;
        if (x <= 0) return i;
      }
      return weight.length - 1;
    };
    const pairs = new Set<string>();
    const requests: { from: number; to: number; priority: number }[] = [];
    while (requests.length < R + 50 && pairs.size < (N * (N - 1)) / 2) {
      const a = draw();
      const b = Math.floor(rand() * N);
      if (a === b) continue;
      const key = a < b ? `${a}|${b}` : `${b}|${a}`;
      if (pairs.has(key)) continue;
      pairs.add(key);
      requests.push({ from: b, to: a, priority: 1 + Math.floor(rand() * 3) });
    }
    const orgOf = new Map(people.map((p) => [p.id, p.organisation]));
    const imported = requests.slice(0, R);
    await timed(
      `import ${imported.length} accepted requests (CSV upload)`,
      (x: { imported: number }) => `${x.imported} imported, all rows checked first`,
      async () => {
        const rows = imported.map(
          (r) => `${orgOf.get(people[r.from]!.id)},${orgOf.get(people[r.to]!.id)},${r.priority},已接受`,
        );
        const res = await http.post(`/api/v1${confPath}/requests/import`, {
          headers,
          multipart: {
            file: {
              name: 'requests.csv',
              mimeType: 'text/csv',
              buffer: Buffer.from(['发起单位,对方单位,优先级,状态', ...rows].join('\n')),
            },
          },
        });
        if (!res.ok()) throw new Error(`request import → ${res.status()} ${await res.text()}`);
        return res.json();
      },
    );
    const single: number[] = [];
    for (const r of requests.slice(R)) {
      const t0 = performance.now();
      await call('post', `${confPath}/requests`, {
        fromId: people[r.from]!.id,
        toId: people[r.to]!.id,
        priority: r.priority,
        status: 'pending',
      });
      single.push(performance.now() - t0);
    }
    single.sort((a, b) => a - b);
    rows.push([
      `one request sent by POST (${single.length} more, pending)`,
      `p50 ${ms(single[Math.floor(single.length / 2)] ?? 0)}`,
      'what a participant waits for when sending one; the conference is loaded on every call',
    ]);

    await timed(
      'run the scheduler (auto)',
      (r: { scheduled: number; requested: number; gap: number; method: string; timeMs: number }) =>
        `${r.scheduled} / ${r.requested} scheduled, gap to bound ${(r.gap * 100).toFixed(2)} %, ${r.method}, solver ${r.timeMs} ms`,
      () => call('post', `${confPath}/schedule/run`, { method: 'auto', timeLimitSeconds: Number(args['time-limit']) }),
    );
    await timed(
      'publish',
      () => '',
      () => call('post', `${confPath}/schedule/publish`, {}),
    );
    await timed(
      'every agenda as JSON (GET …/agendas)',
      (x: { items: { items: unknown[] }[] }) =>
        `${x.items.length} agendas, ${x.items.reduce((s, a) => s + a.items.length, 0)} agenda lines, each with its QR code`,
      async () => (await http.get(`/api/v1${confPath}/agendas`)).json(),
    );
    await timed(
      'agendas workbook (GET …/agendas.xlsx)',
      (b: Buffer) => `${(b.length / 1024).toFixed(0)} KB`,
      async () => (await http.get(`/api/v1${confPath}/agendas.xlsx?lang=zh`)).body(),
    );

    const page = await ctx.newPage();
    await timed(
      'printable agendas of everyone, opened in Chromium',
      (n: number) => `${n} agenda lines on screen, one participant per page`,
      async () => {
        await page.goto(`/print/events/${id}/agendas?participant=all`);
        await page.getByTestId('print-button').waitFor({ timeout: 120_000 });
        await page.waitForFunction(() => [...document.images].every((i) => i.complete), undefined, {
          timeout: 120_000,
        });
        return page.getByTestId('agenda-item').count();
      },
    );
    await timed(
      'print to PDF (A4)',
      (b: Buffer) => `${(b.length / 1048576).toFixed(1)} MB`,
      () => page.pdf({ format: 'A4' }),
    );
  } finally {
    await browser.close();
    await app.close();
    await db.close();
  }
  console.log(
    `\nConference benchmark — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}; PGlite in memory; load ${load()}\n`,
  );
  console.log('| step | time | result |\n| --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
