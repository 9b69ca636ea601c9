/**
 * 供需对接 in the browser (demo-admin): the demo's postings with their explained matches, a new posting
 * with the node suggested from its text, a match page, and the bureau's dashboard in both languages.
 */
import { expect, test } from './fixtures';
import { api, startInChinese } from './helpers';

test.beforeEach(async ({ page }) => startInChinese(page));

test('demo postings show their matches with evidence; a new posting gets its node suggested', async ({
  page,
  request,
}) => {
  await page.goto('/docking?tab=all');
  const all = page.getByTestId('all-postings');
  await expect(all).toContainText('TFT-LCD产线用钼靶');
  // Expand 京东方's demand: 江丰's supply is matched along 溅射靶材 → TFT-LCD 面板, and dealt.
  const row = all.locator('tr', { hasText: 'TFT-LCD产线用钼靶' });
  await row.locator('.ant-table-row-expand-icon').click();
  const matches = page.getByTestId('posting-matches');
  await expect(matches).toContainText('武汉江丰电子材料有限公司');
  await expect(matches.getByTestId('evidence').first()).toContainText('溅射靶材');
  await expect(matches).toContainText('已成交');

  // The match page: both sides, the evidence, the deal.
  await matches.locator('[data-testid^="open-match-"]').first().click();
  await expect(page).toHaveURL(/\/docking\/matches\/\d+/);
  await expect(page.getByTestId('side-demand')).toContainText('京东方');
  await expect(page.getByTestId('side-supply')).toContainText('江丰');

  // A new posting for 江丰: the node comes from the text.
  const firms = await api<{ items: { id: number; name: string }[] }>(
    request,
    `/enterprises?q=${encodeURIComponent('江丰电子')}&limit=5`,
  );
  const jf = firms.items.find((e) => e.name.includes('江丰'))!;
  await page.goto('/docking');
  await page.getByTestId('new-posting').click();
  const form = page.getByTestId('posting-form');
  await form.locator('.ant-radio-button-wrapper', { hasText: '供应' }).click();
  await form.locator('#enterpriseId').fill(String(jf.id));
  await page.getByTestId('posting-title').fill('高纯铜靶、钼靶溅射靶材');
  await page.getByTestId('suggest-nodes').click();
  await expect(page.getByTestId('posting-node')).toContainText('oe.target');
  await page.getByTestId('posting-submit').click();
  await expect(page.locator('.ant-message')).toContainText('已发布');
  await expect(page.getByTestId('my-postings')).toContainText('高纯铜靶、钼靶溅射靶材');
});

test('a refused posting names its field in the form', async ({ page }) => {
  await page.goto('/docking');
  await page.getByTestId('new-posting').click();
  const form = page.getByTestId('posting-form');
  await form.locator('#enterpriseId').fill('1');
  await page.getByTestId('posting-title').fill('测试产品');
  await form.locator('#quantity').fill('5');
  await page.getByTestId('posting-submit').click();
  // A quantity without its unit: the server names the unit field.
  await expect(form.locator('[data-server-error*="unit"]')).toContainText('单位');
});

test('the bureau dashboard shows the deal and the change of the local supporting rate, in Chinese and English', async ({
  page,
}) => {
  await page.goto('/docking/dashboard');
  await expect(page.getByRole('heading', { name: '供需对接看板' })).toBeVisible();
  await expect(page.getByTestId('docking-totals')).toContainText('成交');
  await expect(page.getByTestId('docking-by-chain')).toContainText('%');
  await page.evaluate(() => localStorage.setItem('parklink.lang', 'en-US'));
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Docking dashboard' })).toBeVisible();
  await expect(page.getByTestId('docking-by-chain')).toContainText('Local supporting rate now');
});
