import { expect, signedOut, signIn, test } from './fixtures';
import { api, pickOption, startInChinese } from './helpers';

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
    // Plots (地块) on the map (outlines, or squares at a point) and in the list: synthetic demo plots, each with
    // its class and rule; the demo's plots with an outline are drawn as polygons.
    await expect(page.getByTestId('evaluation-renewal-map-key')).toContainText(
      zh ? '有边界的地块画出轮廓' : 'drawn as their outline',
    );
    await expect(page.getByTestId('evaluation-renewal-map-key')).not.toContainText(
      zh ? '图上 0 个' : 'plots on the map: 0)',
    );
    await expect(map).not.toHaveAttribute('data-outlines', '0');
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

test('the bureau edits a plot: a code the park already has is named under its field, then the change is saved', async ({
  page,
}) => {
  await startInChinese(page);
  await page.goto('/evaluation?tab=renewal');
  const table = page.getByTestId('evaluation-plots');
  const first = table.locator('tbody tr.ant-table-row').first();
  await expect(first).toContainText('一号地块（示例）');
  const takenCode = ((await first.locator('td').nth(2).textContent()) ?? '').trim();
  // the park's third demo plot (a point only): take the first plot's code → refused under 地块编号
  const third = table.locator('tbody tr.ant-table-row', { hasText: '三号地块（示例）' }).first();
  const ownCode = ((await third.locator('td').nth(2).textContent()) ?? '').trim();
  await third.getByTestId('plot-edit').click();
  const form = page.getByTestId('plot-form');
  await expect(form.getByLabel('地块编号')).toHaveValue(ownCode);
  await form.getByLabel('地块编号').fill(takenCode);
  await pickOption(page, form.getByTestId('plot-land-use'), '仓储');
  await form.getByLabel('面积（亩）').fill('7.5');
  await form.locator('.ant-btn-primary').click();
  await expect(form.locator('[data-server-error]')).toContainText('该园区已有此地块编号');
  await page.screenshot({ path: 'test-results/evaluation-plot-edit-refused-zh-CN.png' });
  // an outline that is not one: named under 边界 before anything is sent
  await form.getByLabel('边界（WKT 或 GeoJSON）').fill('POLYGON((114.1 30.6, 114.2 30.6))');
  await form.getByLabel('地块编号').fill(ownCode);
  await form.locator('.ant-btn-primary').click();
  await expect(form).toContainText('边界至少需要三个不同的顶点');
  await form.getByLabel('边界（WKT 或 GeoJSON）').fill('');
  // the buildings standing on the plot, picked from its park's buildings
  await form.getByTestId('plot-buildings').click();
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
  await expect(option).toBeVisible();
  const buildingName = ((await option.getAttribute('title')) ?? '').trim();
  expect(buildingName).not.toBe('');
  await option.click();
  await expect(form.getByTestId('plot-buildings')).toContainText(buildingName);
  await form.locator('.ant-modal-title').click(); // closes the dropdown, not the dialog
  // the holder: a registered firm found by name (its name field then stands aside)
  await pickOption(page, form.getByTestId('plot-holder-firm'), '光迅', { type: '光迅' });
  await expect(form.getByLabel('权利人（非登记企业时填写名称）')).toBeDisabled();
  await form.locator('.ant-btn-primary').click();
  await expect(form).toBeHidden();
  const saved = table.locator('tbody tr.ant-table-row', { hasText: '三号地块（示例）' }).first();
  await expect(saved).toContainText('仓储');
  await expect(saved).toContainText('7.5');
  // opened again, the dialog shows the building as standing on the plot
  await saved.getByTestId('plot-edit').click();
  await expect(page.getByTestId('plot-buildings')).toContainText(buildingName);
  await expect(page.getByTestId('plot-holder-firm')).toContainText('光迅');
});

for (const lang of ['zh-CN', 'en-US'] as const) {
  test(`the land register import names a bad row by row and column and writes nothing (${lang})`, async ({
    page,
    request,
  }) => {
    const zh = lang === 'zh-CN';
    await page.addInitScript((l) => localStorage.setItem('parklink.lang', l), lang);
    const runs = await api<{ items: { id: number }[] }>(request, '/evaluation/runs');
    const view = await api<{ plots: { parkName: string; code: string }[] }>(
      request,
      `/evaluation/renewal?runId=${runs.items[0]!.id}`,
    );
    const park = view.plots[0]!.parkName;
    const run = `E2E-${zh ? 'ZH' : 'EN'}-${Date.now()}`;
    const header = zh
      ? '园区,地块编号,地块,面积（亩）,用途,经度,纬度'
      : 'Park,Plot code,Plot,Area (mu),Land use,Longitude,Latitude';
    const good = `"${park}",${run}-1,${zh ? '甲地块' : 'Plot A'},3,${zh ? '工业' : 'Industrial'},114.2,30.5`;
    // row 3 of the sheet: a land use no register has
    const bad = `"${park}",${run}-2,${zh ? '乙地块' : 'Plot B'},3,${zh ? '农田' : 'Farmland'},114.2,30.5`;
    const csv = (rows: string[]) => Buffer.from(`\uFEFF${header}\n${rows.join('\n')}\n`, 'utf8');
    await page.goto('/evaluation?tab=renewal');
    await page
      .getByTestId('import-plots')
      .locator('xpath=ancestor::span[contains(@class, "ant-upload")]//input[@type="file"]')
      .setInputFiles({ name: 'register.csv', mimeType: 'text/csv', buffer: csv([good, bad]) });
    await page.getByTestId('import-plots-commit').click();
    const report = page.getByTestId('import-plots-report');
    await expect(report).toBeVisible();
    const rows = report.locator('.ant-table-tbody tr.ant-table-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('3');
    await expect(rows.first()).toContainText(zh ? '用途' : 'Land use');
    await expect(rows.first()).toContainText(zh ? '农田' : 'Farmland');
    await expect(rows.first()).toContainText(zh ? '应为 工业、科研' : 'use one of Industrial, R&D');
    await expect(page.getByTestId('import-plots-commit')).toBeDisabled();
    await page.screenshot({ path: `test-results/evaluation-plot-import-report-${lang}.png` });
    const after = await api<{ plots: { code: string }[] }>(request, `/evaluation/renewal?runId=${runs.items[0]!.id}`);
    expect(after.plots.filter((p) => p.code.startsWith(run))).toEqual([]);
    // the file without its bad row: imported, and listed
    await page
      .getByTestId('import-plots-choose-again')
      .locator('xpath=ancestor::span[contains(@class, "ant-upload")]//input[@type="file"]')
      .setInputFiles({ name: 'register-fixed.csv', mimeType: 'text/csv', buffer: csv([good]) });
    await page.getByTestId('import-plots-commit').click();
    await expect(
      page.getByText(zh ? '已导入 1 个地块（新增 1，更新 0）' : '1 plot read in (new: 1, updated: 0)'),
    ).toBeVisible();
    const done = await api<{ plots: { code: string }[] }>(request, `/evaluation/renewal?runId=${runs.items[0]!.id}`);
    expect(done.plots.filter((p) => p.code.startsWith(run)).map((p) => p.code)).toEqual([`${run}-1`]);
  });
}
