import { expect, signedOut, signIn, test } from './fixtures';
import { api, pickOption, startInChinese } from './helpers';

/** The demo conference with matchmaking requests (src/server/modules/conferences/seed-demo.ts). */
const SUZHOU_CONFERENCE = '2024年武汉—苏州产业园区产业链对接交流会';

test.beforeEach(async ({ page }) => startInChinese(page));

test('the cockpit shows figures with as-of dates that lead to their lists, a wall mode, targets and reports', async ({
  page,
}) => {
  await page.goto('/cockpit');
  const parks = page.getByTestId('figure-cockpit.parks');
  // The first, cold cockpit (every module's figures) on the shared PGlite server: allow for it.
  await expect(parks).toContainText('园区', { timeout: 30_000 });
  await expect(parks).toContainText('截至');
  await expect(page.getByTestId('cockpit-refreshed')).toContainText('每分钟自动刷新');
  await expect(page.getByTestId('cockpit-targets')).toContainText('工业上楼');

  // Wall mode fills the screen at 1920×1080 and leaves again.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByTestId('cockpit-wall').click();
  const wall = page.getByTestId('cockpit-wall-view');
  await expect(wall).toBeVisible();
  const box = await wall.boundingBox();
  expect(box?.width).toBe(1920);
  await page.getByTestId('cockpit-wall').click();
  await expect(wall).toHaveCount(0);
  await page.setViewportSize({ width: 1366, height: 768 });

  // A figure is a link to the list behind it.
  await parks.click();
  await expect(page).toHaveURL(/\/parks$/);

  // Targets with their source.
  await page.goto('/cockpit/targets');
  await expect(page.getByTestId('targets-table')).toContainText('200');
  await expect(page.getByTestId('targets-table')).toContainText('武汉加快建设特色产业园区');

  // A PDF report, generated on the server and downloaded.
  await page.goto('/cockpit/reports');
  const download = page.waitForEvent('download');
  await page.getByTestId('report-generate').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^parklink-monthly-city-\d{4}-\d{2}\.pdf$/);
  // The list names what a report is about, never its code.
  await expect(page.getByTestId('reports-table')).toContainText('全市');
  await expect(page.getByTestId('reports-table')).not.toContainText('city');
});

test("the reports page offers every kind: an enterprise profile and an event's results as PDFs", async ({
  page,
  request,
}) => {
  const events = await api<{ items: { id: number; name: string }[] }>(request, '/events?limit=100');
  const ev = events.items.find((e) => e.name === SUZHOU_CONFERENCE);
  expect(ev).toBeTruthy();
  await page.goto('/cockpit/reports');
  await expect(page.getByTestId('report-letter-note')).toContainText('亩均评价');
  await pickOption(page, 'report-kind', '活动成果');
  await expect(page.getByTestId('report-generate')).toBeDisabled();
  await pickOption(page, 'report-event', ev!.name);
  let download = page.waitForEvent('download');
  await page.getByTestId('report-generate').click();
  expect((await download).suggestedFilename()).toBe(`parklink-event-${ev!.id}.pdf`);
  const table = page.getByTestId('reports-table');
  await expect(table).toContainText('活动成果');
  await expect(table).toContainText(ev!.name);

  const firm = (await api<{ items: { id: number; name: string }[] }>(request, '/enterprises?limit=1&sort=name'))
    .items[0]!;
  await pickOption(page, 'report-kind', '企业画像');
  await page.getByTestId('report-enterprise').click();
  await page.keyboard.type(firm.name);
  await pickOption(page, 'report-enterprise', firm.name);
  download = page.waitForEvent('download');
  await page.getByTestId('report-generate').click();
  expect((await download).suggestedFilename()).toBe(`parklink-enterprise-${firm.id}.pdf`);
  await expect(table).toContainText('企业画像');
  await expect(table).toContainText(firm.name);
});

test("the cockpit maps the scope's parks on the home page's map; a park opens its page", async ({ page }) => {
  await page.goto('/cockpit');
  const map = page.getByTestId('cockpit-map');
  await expect(map).toBeVisible({ timeout: 30_000 });
  await expect(map).toContainText('点击园区打开其页面');
  await map.scrollIntoViewIfNeeded();
  const marker = map.locator('[data-testid^=map-park-]').first();
  await expect(marker).toBeAttached();
  await marker.scrollIntoViewIfNeeded();
  const id = (await marker.getAttribute('data-testid'))?.replace('map-park-', '');
  const box = await marker.boundingBox();
  expect(box).toBeTruthy();
  if (!box) return;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page).toHaveURL(new RegExp(`/parks/${id}$`));
});

test('sent update requests show their state, can be withdrawn and filtered by state, in both languages', async ({
  page,
}) => {
  await page.goto('/cockpit/freshness');
  const owners = page.getByTestId('freshness-owners');
  await owners
    .getByRole('row', { name: /北港工业园运营公司/ })
    .first()
    .getByRole('button', { name: '请其更新' })
    .click();
  await expect(page.getByText('已发送更新请求')).toBeVisible();
  await page.getByRole('tab', { name: '我发出的请求' }).click();
  const outbox = page.getByTestId('requests-outbox');
  const row = outbox.locator('tbody tr').first();
  await expect(row).toContainText('待答复');
  // The scope by its name, not its code.
  await expect(row).toContainText('全市');
  await expect(row).not.toContainText('city');
  await row.getByRole('button', { name: /撤\s*回/ }).click();
  await expect(row).toContainText('已撤回');
  await pickOption(page, 'requests-outbox-state', '已撤回');
  await expect(page).toHaveURL(/outboxState=withdrawn/);
  await expect(outbox.locator('tbody tr').first()).toContainText('已撤回');
  for (const text of await outbox.locator('tbody tr').allInnerTexts()) expect(text).toContain('已撤回');
  await pickOption(page, 'requests-outbox-state', '待答复');
  await expect(page).toHaveURL(/outboxState=open/);
  for (const text of await outbox.locator('tbody tr').allInnerTexts()) expect(text).not.toContain('已撤回');
  await page.evaluate(() => localStorage.setItem('parklink.lang', 'en-US'));
  await pickOption(page, 'requests-outbox-state', '已撤回');
  await page.reload();
  await page.getByRole('tab', { name: 'Sent requests' }).click();
  await expect(page.getByTestId('requests-outbox').locator('tbody tr').first()).toContainText('Withdrawn');
});

test('the freshness page lists stale facts by park and owner, in English too', async ({ page }) => {
  await page.goto('/cockpit/freshness');
  await expect(page.getByTestId('freshness-score')).toBeVisible();
  await expect(page.getByTestId('freshness-owners')).toContainText('北港工业园运营公司');
  await page.evaluate(() => localStorage.setItem('parklink.lang', 'en-US'));
  await page.reload();
  await expect(page.getByRole('tab', { name: 'To update' })).toBeVisible();
});

test("the other modules' figures sit in their panels and lead to their lists", async ({ page }) => {
  await page.goto('/cockpit');
  await expect(page.getByTestId('figure-cockpit.parks')).toBeVisible({ timeout: 30_000 });
  for (const key of [
    'evaluation.classes',
    'evaluation.tiers',
    'services.sla',
    'docking.deals',
    'docking.local_rate',
    'consolidation.volume',
  ]) {
    await expect(page.getByTestId(`figure-${key}`)).toContainText('截至');
    await expect(page.getByTestId(`figure-${key}`)).not.toContainText('无权查看');
  }
  await expect(page.getByText('亩均效益与梯度培育')).toBeVisible();
  await page.getByTestId('figure-evaluation.classes').click();
  await expect(page).toHaveURL(/\/evaluation\?tab=runs$/);
  await page.goto('/cockpit');
  await page.getByTestId('figure-docking.deals').click();
  await expect(page).toHaveURL(/\/docking\/dashboard$/);
});

test.describe('as an enterprise user', () => {
  test.use(signedOut);
  test('figures the role may not see are withheld, with no link', async ({ page }) => {
    await signIn(page, 'demo-enterprise', undefined, '/cockpit');
    const classes = page.getByTestId('figure-evaluation.classes');
    await expect(classes).toContainText('无权查看');
    await expect(page.locator('a').filter({ has: classes })).toHaveCount(0);
    await expect(page.getByTestId('figure-evaluation.tiers')).not.toContainText('无权查看');
  });
});

test('the cockpit map frames its scope — the whole city, a district or a zone zoomed to its parks — with every park placed', async ({
  page,
}) => {
  // Three cockpits, each computed cold on the shared server.
  test.setTimeout(180_000);
  for (const [scope, zoomed] of [
    ['city', false],
    ['district:420111', true],
    ['devzone:donghu', true],
  ] as const) {
    await page.goto(`/cockpit?scope=${scope}`);
    const map = page.getByTestId('cockpit-map');
    await expect(map).toBeVisible({ timeout: 50_000 });
    await map.scrollIntoViewIfNeeded();
    const n = Number((await map.innerText()).match(/本范围 (\d+) 个园区/)?.[1]);
    expect(n, scope).toBeGreaterThan(0);
    const markers = map.getByTestId('map-markers');
    // Every park of the scope is on the visible map, alone or in a cluster (stand-ins exist only for markers in view).
    await expect(async () => {
      const counts = await markers
        .locator('[data-count]')
        .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
    }, scope).toPass({ timeout: 15_000 });
    const zoom = Number(await markers.getAttribute('data-zoom'));
    if (zoomed) expect(zoom, scope).toBeGreaterThan(1.5);
    else expect(zoom, scope).toBe(1);
  }
});
