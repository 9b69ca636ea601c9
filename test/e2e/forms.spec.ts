import { expect, test } from './fixtures';
import { startInChinese } from './helpers';

test.beforeEach(async ({ page }) => startInChinese(page));

const fieldError = (page: import('@playwright/test').Page, field: string) =>
  page.locator(`.field-${field} .ant-form-item-explain-error`);

test('the enterprise form shows server field errors and the credit-code confirmation', async ({ page }) => {
  await page.goto('/enterprises/new');
  await expect(page.getByTestId('enterprise-form')).toBeVisible();

  // First round: a malformed date is reported on its field.
  await page.fill('#enterprise_name', `端到端测试企业 ${Date.now()}`);
  await page.fill('#enterprise_foundedOn', '2020-13-45');
  await page.getByTestId('submit').click();
  await expect(fieldError(page, 'foundedOn')).toBeVisible();
  await expect(fieldError(page, 'foundedOn')).toContainText('格式不正确');

  // The same error follows the language switch.
  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(fieldError(page, 'foundedOn')).toContainText('Invalid format');
  await page.getByTestId('lang-switch').getByText('中文').click();

  // Second round: a credit code whose check character fails is a warning to confirm, not a rejection.
  await page.fill('#enterprise_foundedOn', '2020-03-15');
  await page.fill('#enterprise_creditCode', '91420111MA4K00001A');
  // Leaving the field checks the code and shows the warning box, which moves the submit button down:
  // wait for it, or the click can land where the button was (CI once lost the submit that way).
  await page.locator('#enterprise_creditCode').press('Tab');
  await expect(page.getByTestId('credit-code-warning')).toBeVisible();
  await page.getByTestId('submit').click();
  await expect(fieldError(page, 'creditCode')).toContainText('校验位');
  await expect(fieldError(page, 'foundedOn')).toHaveCount(0);
  await page.getByTestId('credit-code-confirm').check();
  await page.getByTestId('submit').click();

  await expect(page).toHaveURL(/\/enterprises\/\d+$/);
  await expect(page.getByTestId('credit-warning')).toContainText('已人工确认');
});

test('the park form puts each server error under its field', async ({ page }) => {
  await page.goto('/parks/new');
  await page.fill('#park_name', '端到端测试园区');
  await page.fill('#park_code', 'Not A Slug');
  await page.getByTestId('submit').click();
  await expect(fieldError(page, 'code')).toBeVisible();
  await expect(fieldError(page, 'kind')).toBeVisible();
  await expect(fieldError(page, 'regionCode')).toBeVisible();
});
