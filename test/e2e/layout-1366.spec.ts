/**
 * Every page usable at 1366×768 (issue 11 item 10): each page is opened in a 1366×768 window, in
 * Chinese and in English, and the test fails when the document scrolls sideways, when a table
 * scrolls sideways inside its box (its right-hand columns — actions, keywords — are then cut off
 * until one scrolls), or when a header cell ends past the window's right edge. A screenshot of every
 * page is saved under test-results/layout-1366/ to look at.
 *
 * Allowed to scroll: grids that are wider than any screen by design (chains × parks, slots × tables).
 * KNOWN_OPEN lists what this test found and is not fixed yet — each entry is a defect to fix, not an
 * exemption; remove it with the fix. Both passes run (the English one in about 1.5 min besides the server's start).
 *
 * To work on a few pages, set LAYOUT_PAGES to a comma-separated list of paths or path patterns
 * (e.g. LAYOUT_PAGES=/services/queue,/consolidation or /events/:id/agendas); unset, every page runs.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const W = 1366;
const H = 768;
const SHOTS = 'test-results/layout-1366';
/** Pages whose tables may scroll sideways, and why. */
const ALLOW_TABLE_SCROLL: Record<string, string> = {
  '/chains/matrix': 'every chain × every park: wider than a screen by design, first column fixed',
  '/events/:id/matchmaking': 'the schedule grid, every slot × every table: wider than a screen by design',
};
/** Found by this test, not fixed yet (issue 11 item 10): open defects, listed so they stay visible. */
const KNOWN_OPEN: Record<string, string> = {};
const pattern = (path: string) => path.split('?')[0]!.replace(/\/\d+(?=\/|$)/g, '/:id');
/** LAYOUT_PAGES: only these paths (or /:id patterns), to keep a run short while fixing a page. */
const ONLY = (process.env.LAYOUT_PAGES ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const wanted = (path: string) => ONLY.length === 0 || ONLY.includes(path) || ONLY.includes(pattern(path));

async function firstId(request: APIRequestContext, path: string): Promise<string | undefined> {
  const res = await request.get(`/api/v1/${path}`);
  if (!res.ok()) return undefined;
  const body = await res.json();
  const items = (Array.isArray(body) ? body : (body.items ?? [])) as { id?: number; code?: string }[];
  const x = items[0];
  return x ? String(x.id ?? x.code) : undefined;
}

async function pages(request: APIRequestContext): Promise<string[]> {
  const [park, building, enterprise, project, event] = await Promise.all([
    firstId(request, 'parks?limit=1'),
    firstId(request, 'buildings?limit=1'),
    firstId(request, 'enterprises?limit=1'),
    firstId(request, 'projects?limit=1'),
    firstId(request, 'events?kind=matchmaking_conference&limit=1'),
  ]);
  const list = [
    '/',
    '/parks',
    '/buildings',
    '/enterprises',
    '/enterprises/new',
    '/parks/new',
    '/chains',
    '/chains/oe?scope=district%3A420112',
    '/chains/compare',
    '/chains/matrix',
    '/chain-admin/templates',
    '/chain-admin/templates/oe',
    '/chain-admin/mappings',
    '/projects',
    '/invest/dashboard',
    '/events',
    '/docking',
    '/docking/dashboard',
    '/space',
    '/space/planner',
    '/space/programme',
    '/space/search',
    '/evaluation',
    '/services/dashboard',
    '/services/mine',
    '/services/policies',
    '/services/queue',
    '/services/visits',
    '/consolidation',
    '/cockpit',
    '/cockpit/freshness',
    '/cockpit/reports',
    '/cockpit/targets',
    '/import',
    '/sources',
    '/admin/users',
    '/admin/organisations',
    '/admin/audit',
    '/account/tokens',
  ];
  if (park) list.push(`/parks/${park}`, `/parks/${park}/edit`);
  if (building) list.push(`/buildings/${building}`);
  if (enterprise) list.push(`/enterprises/${enterprise}`, `/enterprises/${enterprise}/edit`);
  if (project) list.push(`/projects/${project}`);
  if (event) list.push(`/events/${event}`, `/events/${event}/matchmaking`, `/events/${event}/agendas`);
  return list.filter(wanted);
}

interface Overflow {
  page: string;
  what: string;
}

/** What sticks out sideways on the page as it is now. */
async function overflows(page: Page, path: string): Promise<Overflow[]> {
  const found = await page.evaluate((w) => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > w + 1) out.push(`document is ${doc.scrollWidth}px wide`);
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    document.querySelectorAll('.ant-table-content, .ant-table-body, .ant-table-header').forEach((el) => {
      const box = el as HTMLElement;
      if (!visible(box)) return;
      if (box.scrollWidth > box.clientWidth + 1) {
        const tid = box.closest('[data-testid]')?.getAttribute('data-testid') ?? '';
        const heads = [...(box.closest('.ant-table')?.querySelectorAll('thead th') ?? [])]
          .map((th) => th.textContent?.trim())
          .filter(Boolean)
          .slice(-2)
          .join(' / ');
        out.push(`table ${tid} scrolls sideways (${box.scrollWidth} > ${box.clientWidth}px; last columns: ${heads})`);
      }
    });
    document.querySelectorAll('thead th').forEach((th) => {
      if (!visible(th)) return;
      const r = th.getBoundingClientRect();
      if (r.right > w + 1) out.push(`column "${th.textContent?.trim()}" ends at ${Math.round(r.right)}px`);
    });
    return [...new Set(out)];
  }, W);
  return found.map((what) => ({ page: path, what }));
}

async function settle(page: Page) {
  await page
    .waitForFunction(() => document.querySelectorAll('.ant-spin-spinning, .ant-skeleton-active').length === 0, null, {
      timeout: 30_000,
    })
    .catch(() => undefined);
  await page.waitForTimeout(400);
}

for (const lang of ['zh-CN', 'en-US'] as const) {
  test(`every page fits 1366×768 in ${lang}`, async ({ page, request }) => {
    test.setTimeout(20 * 60_000);
    await page.addInitScript((l) => localStorage.setItem('parklink.lang', l), lang);
    await page.setViewportSize({ width: W, height: H });
    const problems: Overflow[] = [];
    for (const path of await pages(request)) {
      await page.goto(path);
      await settle(page);
      const name = path.replace(/[/?=%:]+/g, '_').replace(/^_|_$/g, '') || 'home';
      await page.screenshot({ path: `${SHOTS}/${lang}-${name}.png` });
      const found = await overflows(page, path);
      const key = pattern(path);
      if (KNOWN_OPEN[key]) continue;
      problems.push(...found.filter((p) => p.what.startsWith('document') || !ALLOW_TABLE_SCROLL[key]));
    }
    expect(problems, problems.map((p) => `${p.page}: ${p.what}`).join('\n')).toEqual([]);
  });
}
