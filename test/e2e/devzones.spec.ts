/**
 * Development zones beside districts (issue 11) in the browser: a zone chosen in the chain scope
 * picker scopes the atlas and a chain; the home page counts parks and enterprises by zone; the
 * park list filters by zone.
 */
import { expect, test } from './fixtures';
import { pickOption, startInChinese } from './helpers';

test.beforeEach(async ({ page }) => startInChinese(page));
test.describe.configure({ timeout: 180_000 });
const SLOW = { timeout: 45_000 };

test('choosing 东湖高新区 in the chain scope picker scopes the atlas and the chain to the zone', async ({ page }) => {
  await page.goto('/chains');
  await expect(page.getByTestId('page-title')).toHaveText('产业链图谱', SLOW);
  await pickOption(page, 'scope-kind', '开发区');
  await pickOption(page, 'scope-value', '武汉东湖新技术开发区', { type: '光谷' });
  await expect(page).toHaveURL(/scope=devzone(%3A|:)donghu/);
  await expect(page.getByText('武汉东湖新技术开发区（光谷）').first()).toBeVisible(SLOW);
  await page.getByTestId('chain-card-oe').click(SLOW);
  await expect(page.getByTestId('page-title')).toHaveText('光电子信息');
  await expect(page).toHaveURL(/scope=devzone(%3A|:)donghu/);
  await expect(page.getByTestId('scope-value')).toContainText('武汉东湖新技术开发区');
});

test('the home page counts by zone and the park list filters by zone', async ({ page }) => {
  await page.goto('/');
  const card = page.getByTestId('devzone-card');
  await expect(card).toContainText('光谷', SLOW);
  await expect(card).toContainText('待核实');
  await card.getByTestId('devzone-donghu').click();
  await expect(page).toHaveURL(/\/parks\?devzone=donghu/);
  await expect(page.getByRole('link', { name: /光谷生物城/ }).first()).toBeVisible(SLOW);
  await expect(page.getByRole('link', { name: /北港工业园/ })).toHaveCount(0);
});
