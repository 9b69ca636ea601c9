import { expect, test } from './fixtures';
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
