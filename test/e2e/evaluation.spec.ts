import { expect, signedOut, signIn, test } from './fixtures';
import { api, startInChinese } from './helpers';

test.beforeEach(async ({ page }) => startInChinese(page));

test('an administrator runs a per-mu evaluation with progress, reads a firm’s letter, the tier gaps, renewal and pipeline', async ({
  page,
  request,
}) => {
  await page.goto('/evaluation');
  await expect(page.getByRole('heading', { name: '亩均效益评价与梯度培育' })).toBeVisible();
  // The demo holds one run; a new one is started as a job and becomes the selected run.
  const before = await api<{ items: { id: number }[] }>(request, '/evaluation/runs');
  await page.getByTestId('evaluation-run').click();
  await expect(async () => {
    const after = await api<{ items: { id: number }[] }>(request, '/evaluation/runs');
    expect(after.items.length).toBe(before.items.length + 1);
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId('evaluation-distribution')).toContainText('A ');
  const rows = page.getByTestId('evaluation-results').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  // The letter of the top firm: class, indicators with benchmarks and points, policies.
  const href = await rows.first().locator('a').first().getAttribute('href');
  expect(href).toMatch(/\/print\/evaluation\/runs\/\d+\/firms\/\d+/);
  await page.goto(href as string);
  await expect(page.getByTestId('evaluation-letter')).toContainText('评价告知书');
  await expect(page.getByTestId('letter-class')).toHaveText(/[ABCD]/);
  await expect(page.getByTestId('evaluation-letter')).toContainText('基准值');
  // Tier candidates with their gaps, each with its clause; counts against the published 309 / 103.
  await page.goto('/evaluation?tab=tiers');
  await expect(page.getByTestId('evaluation-tier-target').first()).toContainText('309');
  await expect(page.getByTestId('evaluation-tiers').locator('tbody tr li').first()).toContainText('要求');
  // Tiers by their names, never their codes.
  const tiers = (await api<{ items: { code: string; nameZh: string }[] }>(request, '/tiers')).items;
  const lg = tiers.find((x) => x.code === 'little_giant')?.nameZh as string;
  await expect(page.getByTestId('evaluation-tier-target').first()).toContainText(lg);
  await expect(page.getByTestId('evaluation-tab-tiers')).not.toContainText(
    /innovative_sme|specialized_sme|little_giant/,
  );
  // Park renewal against Dongxihu's 16 projects and ¥1.76 bn (176 000 万元, written 17.6 亿元 by the one formatter).
  await page.goto('/evaluation?tab=renewal');
  await expect(page.getByTestId('evaluation-renewal-target')).toContainText('16 个项目、17.6 亿元');
  // The pipeline funnel names the institutions of the article.
  await page.goto('/evaluation?tab=pipeline');
  await expect(page.getByTestId('evaluation-funnel')).toContainText('武汉大学网谷产业创新研究院');
});

test('the bureau opens a published rule set, is refused a wrong version with the rule and field named, saves and publishes a new one', async ({
  page,
  request,
}) => {
  const sets = (await api<{ items: { id: number; code: string; version: number }[] }>(request, '/evaluation/rule-sets'))
    .items;
  const huangyan = sets.find((s) => s.code === 'huangyan-2023' && s.version === 1) as { id: number };
  const next = Math.max(...sets.filter((s) => s.code === 'huangyan-2023').map((s) => s.version)) + 1;
  await page.goto('/evaluation?tab=rules');
  await page.getByTestId(`rs-open-${huangyan.id}`).click();
  const editor = page.getByTestId('rule-set-editor');
  await expect(editor).toContainText('已发布的版本不能修改');
  // Weights no longer summing as declared: refused, naming the bucket and both sums.
  const w = page.getByTestId('rs-weight-0-0');
  const before = await w.inputValue();
  await w.fill(String(Number(before) + 5));
  await page.getByTestId('rs-save-version').click();
  await expect(page.getByTestId('rule-set-errors')).toContainText('各指标权重之和为', { timeout: 30_000 });
  // Put back, then a new draft version; the published version stays as it was.
  await w.fill(before);
  await page.getByTestId('rs-name').fill('黄岩 2023（测试修订）');
  await page.getByTestId('rs-save-version').click();
  await expect(page.getByTestId('rule-set-saved')).toContainText(`huangyan-2023 第 ${next} 版（草稿）`, {
    timeout: 30_000,
  });
  await page.getByTestId('rs-publish').click();
  await expect(page.getByTestId('rule-set-saved')).toContainText(`huangyan-2023 第 ${next} 版已发布`, {
    timeout: 30_000,
  });
  const v1 = await api<{ name: string; status: string }>(request, `/evaluation/rule-sets/${huangyan.id}`);
  expect(v1.name).not.toContain('测试修订');
  expect(v1.status).toBe('published');
});

test('a firm’s letter downloads as a PDF made on the server; the tier page lists re-reviews due; the renewal map colours parks — in Chinese and English', async ({
  page,
  request,
}) => {
  const runs = await api<{ items: { id: number }[] }>(request, '/evaluation/runs');
  const runId = runs.items[runs.items.length - 1]?.id as number;
  const results = await api<{ items: { enterpriseId: number; class: string }[] }>(
    request,
    `/evaluation/runs/${runId}/results?sort=score&limit=20`,
  );
  const firm = results.items.find((x) => x.class !== 'T') as { enterpriseId: number };
  for (const lang of ['zh-CN', 'en-US'] as const) {
    const zh = lang === 'zh-CN';
    await page.goto('/evaluation');
    await page.evaluate((l) => localStorage.setItem('parklink.lang', l), lang);
    // The letter: a PDF from the server (a job), named for the run, the firm and the language.
    await page.goto(`/print/evaluation/runs/${runId}/firms/${firm.enterpriseId}`);
    await expect(page.getByTestId('evaluation-letter')).toContainText(zh ? '基准值' : 'Benchmark');
    await page.screenshot({ path: `test-results/evaluation-letter-${lang}.png` });
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByTestId('evaluation-letter-pdf').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(
      `parklink-evaluation-letter-${runId}-${firm.enterpriseId}-${zh ? 'zh' : 'en'}.pdf`,
    );
    const path = await file.path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
    // Re-reviews due, with their due dates, on the tier page.
    await page.goto('/evaluation?tab=tiers');
    const due = page.getByTestId('evaluation-expiring');
    await expect(due).toContainText(zh ? '复核申报截止' : 'Re-review due', { timeout: 60_000 });
    await expect(due.locator('tbody tr').first()).toContainText(/\d{4}-\d{2}-\d{2}/);
    await page.screenshot({ path: `test-results/evaluation-tiers-${lang}.png`, fullPage: true });
    // An officer's digest notice links to just the honours it counts: the lapsed ones, or the re-reviews due.
    await page.goto('/evaluation?tab=tiers&honours=lapsed');
    const rows = due.locator('tbody tr.ant-table-row');
    await expect(rows.first()).toBeVisible({ timeout: 60_000 });
    await expect(due.getByTestId('evaluation-honour-lapsed')).toHaveCount(await rows.count());
    await page.goto('/evaluation?tab=tiers&honours=due');
    await expect(rows.first()).toBeVisible({ timeout: 60_000 });
    await expect(due.getByTestId('evaluation-honour-lapsed')).toHaveCount(0);
    // The renewal map: parks by class, with the legend in the page's language.
    await page.goto('/evaluation?tab=renewal');
    const map = page.getByTestId('evaluation-renewal-map');
    await expect(map.locator('canvas').first()).toBeVisible();
    // Plots (地块) on the map (squares) and in the list: synthetic demo plots, each with its class and rule.
    await expect(page.getByTestId('evaluation-renewal-map-key')).toContainText(zh ? '方块为地块' : 'squares plots');
    await expect(page.getByTestId('evaluation-renewal-map-key')).not.toContainText(zh ? '图上 0 个' : '(0 plots');
    const plot = page.getByTestId('evaluation-plots').locator('tbody tr').first();
    await expect(plot).toContainText(zh ? '一号地块（示例）' : 'Plot 1 (synthetic)');
    await expect(plot).toContainText(zh ? /改园换企|留园换企|留园留企/ : /Redevelop park|Keep park/);
    await expect(plot).toContainText(zh ? '工业' : 'Industrial');
    await page.screenshot({ path: `test-results/evaluation-renewal-${lang}.png`, fullPage: true });
  }
});

test('the editor adds and removes indicators, bands and conditions; a wrong band is refused naming the class and field', async ({
  page,
  request,
}) => {
  const sets = (await api<{ items: { id: number; code: string; version: number }[] }>(request, '/evaluation/rule-sets'))
    .items;
  const huangyan = sets.find((s) => s.code === 'huangyan-2023' && s.version === 1) as { id: number };
  await page.goto('/evaluation?tab=rules');
  await page.getByTestId(`rs-open-${huangyan.id}`).click();
  const editor = page.getByTestId('rule-set-editor');
  // An indicator added then removed: the row comes and goes.
  const rows = editor.locator('[data-testid^="rs-ind-label-0-"]');
  const n = await rows.count();
  await page.getByTestId('rs-add-indicator-0').click();
  await expect(rows).toHaveCount(n + 1);
  await expect(page.getByTestId(`rs-ind-label-0-${n}`)).toHaveValue('新指标');
  await page.getByTestId(`rs-ind-remove-0-${n}`).click();
  await expect(rows).toHaveCount(n);
  // A band added on top of the others overlaps them: refused, naming the band.
  await page.getByTestId('rs-add-band').click();
  const bands = editor.locator('[data-testid^="rs-band-class-"]');
  const nb = await bands.count();
  await page.getByTestId(`rs-band-from-${nb - 1}`).fill('0');
  await page.getByTestId('rs-save-version').click();
  await expect(page.getByTestId('rule-set-errors')).toContainText(/重叠|空档/, { timeout: 30_000 });
  await page.screenshot({ path: 'test-results/evaluation-editor-refused-zh-CN.png', fullPage: true });
  await page.getByTestId(`rs-band-remove-${nb - 1}`).click();
  await expect(bands).toHaveCount(nb - 1);
  // Conditions of a tier rule set: one added (field, value), one removed.
  const tier = sets.find((s) => s.code === 'miit-2026') as { id: number };
  await page.getByTestId(`rs-open-${tier.id}`).click();
  const conds = page.getByTestId('rs-conditions').locator('tbody tr.ant-table-row');
  await expect(conds.first()).toBeVisible();
  await page.getByTestId('rs-add-condition').click();
  // Added at the end of the first tier's conditions, its label in an input.
  await expect
    .poll(() =>
      page
        .getByTestId('rs-conditions')
        .locator('input')
        .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
    )
    .toContain('新条件');
  await page.evaluate(() => localStorage.setItem('parklink.lang', 'en-US'));
  await page.reload();
  await page.getByTestId(`rs-open-${tier.id}`).click();
  await expect(page.getByRole('button', { name: 'Add condition' })).toBeVisible();
  await page.screenshot({ path: 'test-results/evaluation-editor-en-US.png', fullPage: true });
});

test.describe('as a firm', () => {
  test.use(signedOut);
  test('an enterprise sees its own result above the list, with its letter', async ({ page }) => {
    await signIn(page, 'demo-enterprise');
    await page.goto('/evaluation');
    const own = page.getByTestId('evaluation-own');
    await expect(own).toContainText('贵企业');
    await expect(own).toContainText('年亩均评价');
    await expect(own.getByRole('link', { name: '查看评价函' })).toHaveAttribute(
      'href',
      /\/print\/evaluation\/runs\/\d+\/firms\/\d+/,
    );
  });
});
