import { expect, test } from './fixtures';
import { startInChinese } from './helpers';

test.beforeEach(async ({ page }) => startInChinese(page));

test('switches to English and back, remembering the choice', async ({ page }) => {
  await page.goto('/parks');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('nav')).toContainText('园区');
  await expect(page.getByTestId('page-title')).toHaveText('园区');

  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-US');
  await expect(page.getByTestId('page-title')).toHaveText('Parks');
  await expect(page.getByTestId('nav')).toContainText('Enterprises');
  await expect(page.getByTestId('park-table')).toContainText('Leading industries');

  // Kept across a reload.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-US');
  await expect(page.getByTestId('page-title')).toHaveText('Parks');

  await page.getByTestId('lang-switch').getByText('中文').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('page-title')).toHaveText('园区');
  await expect(page.getByTestId('park-table')).toContainText('主导产业');
});

test('unknown addresses show the 404 page', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByTestId('not-found-page')).toBeVisible();
});
