/**
 * Issue 11 item 4 in the browser: a user who opens 东西湖区 · 光电子信息 and a gap segment sees
 * candidates from outside Wuhan (the demo's synthetic target pool, with province and city); firms of
 * Wuhan's other districts appear only after switching on 含市内迁移, in their own list, each flagged.
 */
import { expect, test } from './fixtures';
import { startInChinese } from './helpers';

test.beforeEach(async ({ page }) => startInChinese(page));
test.describe.configure({ timeout: 180_000 });
const SLOW = { timeout: 45_000 };

test('东西湖 · 光电子信息: candidates from outside Wuhan; relocations only on request, flagged', async ({ page }) => {
  await page.goto('/chains/oe?scope=district%3A420112&node=oe.ld_chip');
  const drawer = page.getByTestId('node-drawer');
  await expect(drawer).toContainText('补链候选企业（市外）', SLOW);
  const outside = drawer.getByTestId('candidates');
  await expect(outside.locator('.ant-list-item').first()).toBeVisible(SLOW);
  // every candidate is from another province's city, flagged synthetic, none flagged as a relocation
  const items = outside.locator('.ant-list-item');
  const n = await items.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    await expect(items.nth(i)).toContainText('（示例）');
    await expect(items.nth(i)).toContainText(/省.+市/);
    await expect(items.nth(i)).not.toContainText('武汉');
  }
  await expect(outside.getByTestId('relocation-tag')).toHaveCount(0);
  await expect(drawer.getByTestId('relocations')).toHaveCount(0);

  // switch relocations on: the outside list stays, the city's firms come apart, each flagged
  const toggle = drawer.getByTestId('include-relocations');
  await expect(drawer).toContainText('含市内迁移');
  await expect(toggle).not.toBeChecked();
  await toggle.click();
  const moves = drawer.getByTestId('relocations');
  await expect(moves).toContainText('市内迁移候选', SLOW);
  const movers = moves.getByTestId('relocation-candidates').locator('.ant-list-item');
  await expect(movers.first()).toBeVisible(SLOW);
  const m = await movers.count();
  for (let i = 0; i < m; i++) await expect(movers.nth(i).getByTestId('relocation-tag')).toHaveText('市内迁移');
  await expect(drawer.getByTestId('candidates').locator('.ant-list-item')).toHaveCount(n);

  // and off again
  await toggle.click();
  await expect(drawer.getByTestId('relocations')).toHaveCount(0);
});

test('in English the switch and the flag are worded for a reader', async ({ page }) => {
  await page.goto('/chains/oe?scope=district%3A420112&node=oe.ld_chip');
  await page.evaluate(() => localStorage.setItem('parklink.lang', 'en-US'));
  await page.reload();
  const drawer = page.getByTestId('node-drawer');
  await expect(drawer).toContainText('Gap-filling candidates (outside the city)', SLOW);
  await expect(drawer).toContainText('Include relocations within the city');
  await drawer.getByTestId('include-relocations').click();
  await expect(drawer.getByTestId('relocations').getByTestId('relocation-tag').first()).toHaveText('Relocation', SLOW);
});
