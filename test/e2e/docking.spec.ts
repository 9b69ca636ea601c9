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
  await expect(page.getByRole('heading', { name: '供需对接看板' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('docking-totals')).toContainText('成交');
  await expect(page.getByTestId('docking-by-chain')).toContainText('%');
  await page.evaluate(() => localStorage.setItem('parklink.lang', 'en-US'));
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Docking dashboard' })).toBeVisible();
  await expect(page.getByTestId('docking-by-chain')).toContainText('Local supporting rate now');
});

/** Chooses a CSV of postings through the page's import button and commits it in the shared import dialog. */
async function importCsv(page: import('@playwright/test').Page, name: string, text: string) {
  await page
    .getByTestId('import-postings')
    .locator('xpath=ancestor::span[contains(@class, "ant-upload")]//input[@type="file"]')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${text}`, 'utf8') });
  await page.getByTestId('import-postings-commit').click();
}

for (const lang of ['zh-CN', 'en-US'] as const) {
  test(`postings import names every bad row and writes nothing; the export honours the filters (${lang})`, async ({
    page,
    request,
  }) => {
    const zh = lang === 'zh-CN';
    await page.addInitScript((l) => localStorage.setItem('parklink.lang', l), lang);
    const firms = await api<{ items: { id: number; name: string }[] }>(
      request,
      `/enterprises?q=${encodeURIComponent('江丰电子')}&limit=5`,
    );
    const jf = firms.items.find((e) => e.name.includes('江丰'))!;
    const title = `E2E导入${lang === 'zh-CN' ? 1 : 2}-${Date.now()}`;
    const header = zh
      ? '供需类型,类别,企业,产品或服务,产业链节点,数量,单位,有效期至,可见范围'
      : 'Kind,Category,Enterprise,Product or service,Chain node,Quantity,Unit,Valid until,Visibility';
    const good = zh
      ? `供应,产品,${jf.name},${title},oe.target,500,千克,2099-12-31,全市`
      : `supply,product,${jf.name},${title},oe.target,500,kg,2099-12-31,city`;
    const bad = zh
      ? `需求,服务,${jf.name},${title}坏,oe.nope,-3,吨,2020-01-01,全市`
      : `demand,service,${jf.name},${title}x,oe.nope,-3,t,2020-01-01,city`;
    await page.goto('/docking?tab=mine');
    await importCsv(page, 'bad.csv', `${header}\n${good}\n${bad}\n`);
    const report = page.getByTestId('import-postings-report');
    await expect(report).toBeVisible();
    // the bad row (3) named by column: node, quantity, unit, validity
    for (const cell of ['oe.nope', '-3', '2020-01-01']) await expect(report).toContainText(cell);
    await expect(report).toContainText(zh ? '产业链节点' : 'Chain node');
    await expect(report).toContainText(zh ? '有效期已过' : 'validity has passed');
    // the same dialog as every spreadsheet import: no second import of a refused file
    await expect(page.getByTestId('import-postings-commit')).toBeDisabled();
    await page.screenshot({ path: `test-results/docking-import-report-${lang}.png` });
    await page.keyboard.press('Escape');
    // nothing was written
    const none = await api<{ total: number }>(request, `/docking/postings?q=${encodeURIComponent(title)}`);
    expect(none.total).toBe(0);

    await importCsv(page, 'good.csv', `${header}\n${good}\n`);
    await expect(page.locator('.ant-message')).toContainText(zh ? '已导入 1 条' : '1 posting imported');
    await expect(page.getByTestId('my-postings')).toContainText(title);

    await page.goto('/docking?tab=all&kind=supply');
    const download = page.waitForEvent('download');
    await page.getByTestId('export-postings').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(zh ? '供需信息.xlsx' : 'postings.xlsx');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await file.path())!);
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((r) => {
      rows.push((r.values as unknown[]).slice(1));
    });
    expect(rows[0]?.[0]).toBe(zh ? '供需类型' : 'Kind');
    // kind=supply held: every row is a supply
    expect(rows.slice(1).every((r) => r[0] === (zh ? '供应' : 'supply'))).toBe(true);
    expect(rows.some((r) => r[3] === title)).toBe(true);
  });
}

for (const lang of ['zh-CN', 'en-US'] as const) {
  test(`the dashboard shows 本地配套率 by month and re-matches the book as a job (${lang})`, async ({ page }) => {
    const zh = lang === 'zh-CN';
    await page.addInitScript((l) => localStorage.setItem('parklink.lang', l), lang);
    await page.goto('/docking/dashboard');
    const table = page.getByTestId('docking-rate-by-month');
    await expect(table).toContainText(zh ? '全市' : 'City', { timeout: 60_000 });
    // the demo deal (2026-09) on the optoelectronics chain: its month's figure opens the chain
    const cell = table.getByTestId('rate-oe-city-2026-09');
    await expect(cell).toContainText('%');
    await page.screenshot({ path: `test-results/docking-dashboard-${lang}.png` });
    await page.getByTestId('docking-rematch').click();
    await expect(page.locator('.ant-message')).toContainText(zh ? '重新匹配完成' : 'Re-match done', {
      timeout: 120_000,
    });
    await cell.click();
    await expect(page).toHaveURL(/\/chains\/oe/);
  });
}
