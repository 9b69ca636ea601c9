import { expect, signedOut, signIn, test } from './fixtures';
import { startInChinese } from './helpers';

test.beforeEach(async ({ page }) => startInChinese(page));

test('the hub plans its orders into containers, shows fill bars and the unplaceable order, and quotes a shipment', async ({
  page,
}) => {
  await page.goto('/consolidation');
  await expect(page.getByRole('heading', { name: '中欧班列集拼' })).toBeVisible();
  await expect(page.getByText('40国121城')).toBeVisible();
  const board = page.getByTestId('orders-board');
  await expect(board).toContainText('节日装饰彩球');
  await expect(board).toContainText('健身护具');
  await expect(board.getByTestId('synthetic-badge').first()).toBeVisible();
  await expect(page.getByTestId('import-orders')).toBeVisible();
  // the two booked demo orders offer their invoice
  const download = page.waitForEvent('download');
  await board.getByRole('button', { name: '结算单' }).first().click();
  expect((await download).suggestedFilename()).toMatch(/^invoice-\d+\.xlsx$/);

  await page.getByRole('tab', { name: '排箱计划' }).click();
  await expect(page.getByTestId('plan-departure').first()).toBeVisible();
  await expect(page.getByTestId('plan').locator('.ant-progress').first()).toBeVisible();
  await expect(page.getByTestId('unplaced')).toContainText('HO-016');
  await expect(page.getByTestId('unplaced')).toContainText('重量超过');
  await expect(page.getByText('通过')).toBeVisible();
  const before = await page.getByText(/计划 #\d+/).textContent();
  await page.getByTestId('run-plan').click();
  await expect(page.getByText(/计划 #\d+/)).not.toHaveText(before ?? '');

  await page.getByRole('tab', { name: '我的订单与报价' }).click();
  await page.getByTestId('quote-form').getByLabel('货物').fill('节日装饰彩球');
  await page.getByTestId('quote-submit').click();
  await expect(page.getByTestId('quote-result')).toBeVisible();

  await page.getByRole('tab', { name: '月度看板' }).click();
  await expect(page.getByTestId('dashboard')).toBeVisible();

  // the same page in English, at 1366 × 768
  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(page.getByTestId('page-title')).toHaveText('China–Europe rail consolidation');
  await page.getByRole('tab', { name: 'Plan', exact: true }).click();
  await expect(page.getByRole('tabpanel', { name: 'Plan' }).getByTestId('unplaced')).toContainText(
    'Heavier than the payload',
  );
  await expect(page.getByRole('tabpanel', { name: 'Plan' }).getByText('Gap to the bound')).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(1366);
  await page.getByTestId('lang-switch').getByText('中文').click();
});

test.describe('a shipper', () => {
  test.use(signedOut);
  test('sees only its own orders and charges, without container prices', async ({ page }) => {
    await signIn(page, 'demo-enterprise', undefined, '/consolidation');
    await page.goto('/consolidation');
    await expect(page.getByRole('tab', { name: '订单看板' })).toHaveCount(0);
    const mine = page.getByTestId('my-orders');
    await expect(mine).toBeVisible();
    await expect(mine).not.toContainText('休闲食品');
    await expect(page.getByTestId('plan')).not.toContainText('水性涂料');
  });
});
