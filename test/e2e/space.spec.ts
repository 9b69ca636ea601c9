/**
 * Space for 工业上楼 (issue 13) in the browser: vacancy rates, a site search with its reasons and
 * ruled-out units (and an impossible need refused naming the field), the floor planner on 天辉's
 * 24-storey building with the live checker, and the programme page with its sourced targets.
 */
import type { TFloorPlan } from '../../src/contracts/space';
import { expect, test } from './fixtures';
import { findBuilding, startInChinese } from './helpers';

test.beforeEach(async ({ page }) => {
  await startInChinese(page);
});

test('vacancy rates by park and by district', async ({ page }) => {
  await page.goto('/space');
  await expect(page.getByTestId('page-title')).toHaveText('空间与空置');
  await expect(page.getByTestId('space-vacancy').locator('tr.ant-table-row').first()).toBeVisible();
  await page.getByTestId('space-groupby').getByText('区', { exact: true }).click();
  await expect(page).toHaveURL(/groupBy=district/);
  await expect(page.getByTestId('space-vacancy').locator('tr.ant-table-row').first()).toContainText('区');
});

test('site search says why units fit and why others are ruled out; an impossible need names its field', async ({
  page,
}) => {
  await page.goto('/space/search');
  await page.getByTestId('need-areaMinM2').fill('500');
  await page.getByTestId('need-floorLoadKnM2').fill('8');
  await page.getByTestId('space-search').click();
  await expect(page.getByTestId('space-results')).toContainText('楼板荷载');
  await expect(page.getByTestId('space-ruled-out')).toContainText(/楼板荷载 [\d.]+ kN\/m² < 8/);
  await expect(page).toHaveURL(/need=/);

  await page.getByTestId('need-clearHeightM').fill('300');
  await page.getByTestId('space-search').click();
  await expect(page.locator('[data-server-error=\'["clearHeightM"]\']')).toContainText('净高应在 2–30 m 之间');
});

test('the floor planner places 天辉 tenants, checks every plan and flags a hand move that breaks the chain order', async ({
  page,
  request,
}) => {
  const building = await findBuilding(request, '摩天工厂'); // the 24-storey tower, not the calibration's synthetic building in 天辉
  await page.goto(`/space/planner?building=${building.id}`);
  await expect(page.getByTestId('planner-floors').locator('tr.ant-table-row')).toHaveCount(24);
  const [res] = await Promise.all([
    page.waitForResponse(
      (r) => r.url().includes(`/space/buildings/${building.id}/plans`) && r.request().method() === 'POST',
    ),
    page.getByTestId('planner-run').click(),
  ]);
  expect(res.status()).toBe(200);
  const plan = (await res.json()) as TFloorPlan;
  expect(plan.violations).toEqual([]);
  await expect(page.getByTestId('planner-plan')).toContainText('独立校验：全部硬性约束满足');

  // An upstream lead-chain tenant moved below a downstream one breaks the directory's chain order.
  const lead = plan.tenants.filter((t) => t.industry === 'lh');
  const at = new Map(plan.placements.map((p) => [p.key, p.floorNo]));
  const pair = lead
    .flatMap((a) => lead.map((b) => [a, b] as const))
    .find(([a, b]) => a.chainRank < b.chainRank && (at.get(b.key) ?? 0) > 1 && at.get(a.key) !== null);
  expect(pair, 'the demo building holds lead tenants of two chain ranks').toBeTruthy();
  const [up] = pair!;
  await page.getByTestId(`move-${up.key}`).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^F1$/ }).click();
  await expect(page.getByTestId('planner-violations')).toContainText('链序颠倒');
});

test('the programme page shows the sourced targets and progress', async ({ page }) => {
  await page.goto('/space/programme');
  const table = page.getByTestId('space-programme');
  await expect(table).toContainText('建成工业楼宇200万平方米以上');
  await expect(table).toContainText('200万立方米');
  await expect(table).toContainText('登记库无法计算');
});
