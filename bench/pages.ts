/**
 * npm run bench:pages — pages to meaningful content in Chromium (issue 11, "speed a user feels"): every
 * page a bureau opens daily, cold (a fresh browser context: no cache, first visit) and warm (the same page
 * opened again in that context), at 1366×768 as demo-admin, against a server started here on the demo city.
 *
 * "Meaningful content": the page's title (a print report: its score) is shown, no spinner or skeleton is left, and no /api request is
 * in flight, for two checks 50 ms apart. The baseline in the same run is the account page, a page with
 * almost no data: what the shell alone costs on this machine at this load.
 *
 *   npm run bench:pages -- [--warm 5] [--port 3290] [--database-url postgres://…] [--only chains,matrix]
 *
 * The server is this checkout's build (`--build-if-missing`); with --database-url a fresh schema on that
 * PostgreSQL (the demo is seeded into it), otherwise PGlite in memory. Load average is printed beside the
 * figures: the machine is shared, so compare figures of one run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { type BrowserContext, chromium, type Page } from '@playwright/test';

const { values: args } = parseArgs({
  options: {
    warm: { type: 'string', default: '5' },
    port: { type: 'string', default: '3290' },
    'database-url': { type: 'string' },
    only: { type: 'string' },
  },
});
const WARM = Number(args.warm);
const PORT = Number(args.port);
const BASE = `http://127.0.0.1:${PORT}`;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const log = (s: string) => console.error(`[bench:pages] ${s}`);

async function startServer(): Promise<ChildProcess> {
  const cli = ['bin/parklink.mjs', 'serve', '--port', String(PORT), '--build-if-missing'];
  if (args['database-url']) cli.push('--database-url', args['database-url']);
  const child = spawn(process.execPath, cli, {
    env: { ...process.env, PARKLINK_DATA_DIR: 'memory://', PARKLINK_ADMIN_PASSWORD: 'bench-admin-pass-1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const until = Date.now() + 600_000;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  child.kill();
  throw new Error('the server did not start within 10 minutes');
}

async function signedInContext(browser: Awaited<ReturnType<typeof chromium.launch>>): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const session = await context.request.get(`${BASE}/api/v1/auth/session`);
  const csrf = ((await session.json()) as { csrfToken?: string }).csrfToken ?? '';
  const res = await context.request.post(`${BASE}/api/v1/auth/sign-in`, {
    data: { username: 'demo-admin', password: 'parklink-demo' },
    headers: { 'x-csrf-token': csrf },
  });
  if (!res.ok()) throw new Error(`sign-in failed: ${res.status()} ${await res.text()}`);
  return context;
}

/** Opens a URL and waits for meaningful content; returns the milliseconds from navigation start. */
async function timeTo(page: Page, url: string): Promise<number> {
  let inFlight = 0;
  const onReq = (r: { url(): string }) => {
    if (r.url().includes('/api/')) inFlight++;
  };
  const onDone = (r: { url(): string }) => {
    if (r.url().includes('/api/')) inFlight = Math.max(0, inFlight - 1);
  };
  page.on('request', onReq);
  page.on('requestfinished', onDone);
  page.on('requestfailed', onDone);
  const t0 = performance.now();
  await page.goto(`${BASE}${url}`, { waitUntil: 'commit' });
  let stable = 0;
  const deadline = t0 + 60_000;
  let done = 0;
  while (performance.now() < deadline) {
    const ready =
      inFlight === 0 &&
      (await page.evaluate(
        () =>
          Boolean(document.querySelector('[data-testid="page-title"], [data-testid="report-score"]')) &&
          !document.querySelector('.ant-spin-spinning, .ant-skeleton, .ant-table-placeholder .ant-spin'),
      ));
    if (ready) {
      if (stable === 0) done = performance.now();
      if (++stable >= 2) break;
    } else stable = 0;
    await new Promise((r) => setTimeout(r, 50));
  }
  page.off('request', onReq);
  page.off('requestfinished', onDone);
  page.off('requestfailed', onDone);
  if (stable < 2) throw new Error(`${url}: no meaningful content within 60 s`);
  return done - t0;
}

async function concretePages(context: BrowserContext): Promise<[string, string][]> {
  const get = async <T>(path: string): Promise<T> => (await context.request.get(`${BASE}${path}`)).json() as T;
  const parks = await get<{ items: { id: number; name: string }[] }>('/api/v1/parks?limit=50&sort=name');
  const park = parks.items.find((p) => p.name.includes('北港')) ?? parks.items[0]!;
  const firms = await get<{ items: { id: number; name: string }[] }>('/api/v1/enterprises?q=江丰&limit=5');
  const firm = firms.items[0]!;
  const buildings = await get<{ items: { id: number }[] }>(`/api/v1/buildings?parkId=${park.id}&limit=5`);
  const pages: [string, string][] = [
    ['baseline: account (almost no data)', '/account/tokens'],
    ['home (map and figures)', '/'],
    ['parks list', '/parks'],
    ['park page (北港工业园)', `/parks/${park.id}`],
    ['enterprises list', '/enterprises'],
    ['enterprise page (江丰电子)', `/enterprises/${firm.id}`],
    ['chain atlas', '/chains'],
    ['chain page (光电子信息)', '/chains/oe'],
    ['chains × parks matrix', '/chains/matrix'],
    ['chain print report', '/print/chains/oe'],
    ['mapping review', '/chain-admin/mappings'],
    ['chain templates', '/chain-admin/templates'],
    ['projects board', '/projects'],
    ['investment dashboard', '/invest/dashboard'],
    ['events', '/events'],
    ['docking', '/docking'],
    ['space vacancy', '/space'],
    ['evaluation', '/evaluation'],
    ['services queue', '/services/queue'],
    ['consolidation', '/consolidation'],
    ['cockpit', '/cockpit'],
    ['audit log', '/admin/audit'],
  ];
  if (buildings.items[0]) pages.splice(4, 0, ['building page', `/buildings/${buildings.items[0].id}`]);
  const only = args.only?.split(',');
  return only ? pages.filter(([name], i) => i === 0 || only.some((o) => name.includes(o))) : pages;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const fmt = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${Math.round(x)} ms`);

async function main() {
  log(`load ${load()}: starting the server on ${args['database-url'] ? 'PostgreSQL' : 'PGlite in memory'}`);
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const setup = await signedInContext(browser);
    const pages = await concretePages(setup);
    await setup.close();
    log(`load ${load()}: ${pages.length} pages, cold once and warm ×${WARM}`);
    const rows: string[] = [];
    for (const [name, url] of pages) {
      const context = await signedInContext(browser);
      const page = await context.newPage();
      let cold: number | string;
      const warm: number[] = [];
      try {
        cold = await timeTo(page, url);
        for (let i = 0; i < WARM; i++) warm.push(await timeTo(page, url));
      } catch (e) {
        cold = (e as Error).message;
      }
      await context.close();
      const row =
        typeof cold === 'string'
          ? `| ${name} | \`${url}\` | ${cold} | | | |`
          : `| ${name} | \`${url}\` | ${fmt(cold)} | ${fmt(pct(warm, 50))} | ${fmt(Math.max(...warm))} | ${pct(warm, 50) < 2000 ? 'yes' : '**no**'} |`;
      rows.push(row);
      log(row);
    }
    console.log(`\nbench:pages ${new Date().toISOString()}, load average ${load()}, warm ×${WARM}\n`);
    console.log('| page | url | cold | warm p50 | warm max | warm < 2 s |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const r of rows) console.log(r);
  } finally {
    await browser.close();
    server.kill();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
