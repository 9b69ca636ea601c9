import { expect, signedOut, signIn, test } from './fixtures';
import { startInChinese } from './helpers';

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
  await expect(page.getByTestId('reports-table')).toContainText('city');
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
