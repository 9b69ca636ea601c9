/**
 * Space for 工业上楼 (issue 13) in the browser: vacancy rates, a site search with its reasons and
 * ruled-out units (and an impossible need refused naming the field), the floor planner on 天辉's
 * 24-storey building with the live checker, and the programme page with its sourced targets.
 */
import type { TFloorPlan } from '../../src/contracts/space';
import { expect, test } from './fixtures';
import { findBuilding, pickOption, startInChinese } from './helpers';

test.beforeEach(async ({ page }) => {
  await startInChinese(page);
});

test('vacancy rates by park and by district', async ({ page }) => {
  await page.goto('/space');
  await expect(page.getByTestId('page-title')).toHaveText('空间与空置');
  await expect(page.getByTestId('space-vacancy').locator('tr.ant-table-row').first()).toBeVisible();
  await page.getByTestId('space-groupby').getByText('区', { exact: true }).click();
  await expect(page).toHaveURL(/groupBy=district/);
  await expect(page.getByTestId('space-vacancy').locator('tr.ant-table-row').first()).toContainText('区');
});

test('site search says why units fit and why others are ruled out; an impossible need names its field', async ({
  page,
}) => {
  await page.goto('/space/search');
  await page.getByTestId('need-areaMinM2').fill('500');
  await page.getByTestId('need-floorLoadKnM2').fill('8');
  await page.getByTestId('space-search').click();
  await expect(page.getByTestId('space-results')).toContainText('楼板荷载');
  await expect(page.getByTestId('space-ruled-out')).toContainText(/楼板荷载 [\d.]+ kN\/m² < 8/);
  await expect(page).toHaveURL(/need=/);

  await page.getByTestId('need-clearHeightM').fill('300');
  await page.getByTestId('space-search').click();
  await expect(page.locator('[data-server-error=\'["clearHeightM"]\']')).toContainText('净高应在 2–30 m 之间');
});

test('the floor planner places 天辉 tenants; dragging shows the rule a move breaks, refuses it, and saves and accepts a good one', async ({
  page,
  request,
}) => {
  const building = await findBuilding(request, '摩天工厂'); // the 24-storey tower, not the calibration's synthetic building in 天辉
  await page.goto(`/space/planner?building=${building.id}`);
  await expect(page.getByTestId('planner-floors').locator('[data-testid^="floor-"]')).toHaveCount(25, {
    timeout: 30_000,
  }); // 24 + left out
  const [res] = await Promise.all([
    page.waitForResponse(
      (r) => r.url().includes(`/space/buildings/${building.id}/plans`) && r.request().method() === 'POST',
    ),
    page.getByTestId('planner-run').click(),
  ]);
  expect(res.status()).toBe(200);
  const plan = (await res.json()) as TFloorPlan;
  expect(plan.violations).toEqual([]);
  await expect(page.getByTestId('planner-plan')).toContainText('独立校验：全部硬性约束满足');

  // An upstream lead-chain tenant dragged below a downstream one: the broken chain order shows while
  // it hovers over F1, and the drop is refused naming the rule.
  const lead = plan.tenants.filter((t) => t.industry === 'lh');
  const at = new Map(plan.placements.map((p) => [p.key, p.floorNo]));
  const pair = lead
    .flatMap((a) => lead.map((b) => [a, b] as const))
    .find(([a, b]) => a.chainRank < b.chainRank && (at.get(b.key) ?? 0) > 1 && at.get(a.key) !== null);
  expect(pair, 'the demo building holds lead tenants of two chain ranks').toBeTruthy();
  const [up] = pair!;
  // The drag events themselves (hovering a floor deep in the scrolled stack would scroll mid-drag).
  const dt = await page.evaluateHandle(() => new DataTransfer());
  await page.getByTestId(`chip-${up.key}`).dispatchEvent('dragstart', { dataTransfer: dt });
  await page.getByTestId('floor-1').dispatchEvent('dragover', { dataTransfer: dt });
  await expect(page.getByTestId('planner-preview')).toContainText('产业链楼层顺序');
  await expect(page.getByTestId('planner-preview')).toContainText('目标值变化');
  await page.getByTestId('floor-1').dispatchEvent('drop', { dataTransfer: dt });
  await expect(page.getByTestId('planner-refused')).toContainText('产业链楼层顺序');
  await expect(page.getByTestId('planner-refused')).toContainText('已拒绝');
  await expect(page.getByTestId('planner-floors').getByTestId('floor-1')).not.toContainText(up.name);

  // Leaving a tenant out breaks nothing (one outside the leading industry if any is placed, else a
  // lead one: the others' share stays 0): staged, saved, then accepted.
  const placed = plan.tenants
    .filter((t) => at.get(t.key) !== null && t.key !== up.key)
    .sort((a, b) => (at.get(b.key) ?? 0) - (at.get(a.key) ?? 0)); // top floors first: in view with the pool
  const other = placed.find((t) => t.industry !== 'lh') ?? placed[0];
  expect(other, 'the plan places more than one tenant').toBeTruthy();
  await page.getByTestId(`chip-${other!.key}`).dragTo(page.getByTestId('floor-none'));
  await expect(page.getByTestId('planner-last-move')).toContainText('未安置 +1');
  await expect(page.getByTestId('floor-none')).toContainText(other!.name);
  const [saved] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(`/space/plans/${plan.id}`) && r.request().method() === 'PATCH'),
    page.getByTestId('planner-apply').click(),
  ]);
  expect(saved.status()).toBe(200);
  expect(((await saved.json()) as TFloorPlan).placements.find((p) => p.key === other!.key)?.floorNo).toBeNull();
  const [accepted] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(`/space/plans/${plan.id}/accept`)),
    page.getByTestId('planner-accept').click(),
  ]);
  expect(accepted.status()).toBe(200);
  await expect(page.getByTestId('planner-plan')).toContainText('已采纳');
});

test("the planner checks moves with the plan's own settings: with upstream below, the move the default order refuses is fine", async ({
  page,
  request,
}) => {
  const building = await findBuilding(request, '摩天工厂');
  await page.goto(`/space/planner?building=${building.id}`);
  await expect(page.getByTestId('planner-floors').locator('[data-testid^="floor-"]')).toHaveCount(25, {
    timeout: 30_000,
  });
  await pickOption(page, 'planner-order', '上游在下');
  const [res] = await Promise.all([
    page.waitForResponse(
      (r) => r.url().includes(`/space/buildings/${building.id}/plans`) && r.request().method() === 'POST',
    ),
    page.getByTestId('planner-run').click(),
  ]);
  expect(res.status()).toBe(200);
  const plan = (await res.json()) as TFloorPlan;
  expect(plan.settings.upstreamOnTop).toBe(false);
  expect(plan.violations).toEqual([]);
  // The most upstream placed lead tenant (lowest chain rank), with a downstream one above F1: dragged to
  // F1 it stays below every other, which this plan's order asks for; under the default order (upstream
  // on top) the same drag breaks the chain order (as the test above sees refused).
  const lead = plan.tenants.filter((t) => t.industry === 'lh');
  const at = new Map(plan.placements.map((p) => [p.key, p.floorNo]));
  const top = Math.min(...lead.filter((t) => at.get(t.key) != null).map((t) => t.chainRank));
  const up = lead.find((t) => t.chainRank === top && at.get(t.key) != null)!;
  expect(
    lead.some((b) => b.chainRank > top && (at.get(b.key) ?? 0) > 1),
    'a downstream lead tenant sits above F1',
  ).toBe(true);
  const dt = await page.evaluateHandle(() => new DataTransfer());
  await page.getByTestId(`chip-${up.key}`).dispatchEvent('dragstart', { dataTransfer: dt });
  await page.getByTestId('floor-1').dispatchEvent('dragover', { dataTransfer: dt });
  await expect(page.getByTestId('planner-preview')).toContainText('目标值变化');
  await expect(page.getByTestId('planner-preview')).not.toContainText('产业链楼层顺序');
});

test('one click from an investment project runs the site search with its need; the shortlist comes back to the project', async ({
  page,
  request,
}) => {
  const session = (await (await request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
  const created = await request.post('/api/v1/projects', {
    headers: { 'x-csrf-token': session.csrfToken },
    data: { codeName: `E2E-S${Date.now() % 100000}`, investorName: '端到端测试投资方', areaM2: 300, landMu: 20 },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: number };
  await page.goto(`/projects/${id}`);
  const panel = page.getByTestId('project-space');
  await expect(panel).toContainText('用地需求 20 亩', { timeout: 30_000 });
  const [found] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(`/space/projects/${id}/search`)),
    panel.getByTestId('project-site-search').click(),
  ]);
  expect(found.status()).toBe(200);
  await expect(page.getByTestId('need-areaMinM2')).toHaveValue('300', { timeout: 30_000 });
  const first = page.getByTestId('space-results').locator('[data-testid^="shortlist-"]').first();
  await first.click();
  await expect(first).toHaveText('已加入项目备选');
  await page.getByRole('link', { name: '返回项目' }).click();
  await expect(page.getByTestId('project-space')).toContainText('空间需求与备选单元（');
  await expect(page.getByTestId('project-space').locator('[data-testid^="shortlisted-"]').first()).toBeVisible();
});

test('the programme page shows the sourced targets and progress', async ({ page }) => {
  await page.goto('/space/programme');
  const table = page.getByTestId('space-programme');
  await expect(table).toContainText('建成工业楼宇200万平方米以上');
  await expect(table).toContainText('200万立方米');
  await expect(table).toContainText('登记库无法计算');
});

test('vacancy and programme progress by development zone, in zh and en', async ({ page }) => {
  await page.goto('/space?groupBy=park');
  await page.getByTestId('space-groupby').getByText('开发区', { exact: true }).click();
  await expect(page).toHaveURL(/groupBy=devzone/);
  const rows = page.getByTestId('space-vacancy').locator('tr.ant-table-row');
  await expect(rows.first()).toContainText(/武汉.*(开发区|新区)/);
  await page.screenshot({ path: '/tmp/space2-vacancy-devzone-zh.png' });
  await expect(page.getByTestId('space-vacancy')).not.toContainText('donghu');
  await page.goto('/space/programme');
  const area = page
    .getByTestId('space-programme')
    .locator('tr.ant-table-row', { hasText: '建成工业楼宇200万平方米以上' });
  await area.locator('.ant-table-row-expand-icon').click();
  await expect(page.getByTestId('space-programme-devzone').first()).toContainText(/武汉.*(开发区|新区)/);
  await page.screenshot({ path: '/tmp/space2-programme-devzone-zh.png' });

  await page.evaluate(() => localStorage.setItem('parklink.lang', 'en-US'));
  await page.goto('/space?groupBy=devzone');
  await expect(page.getByTestId('space-groupby')).toContainText('Development zone');
  await expect(page.getByTestId('space-vacancy').locator('tr.ant-table-row').first()).toContainText(
    /Wuhan .*(Zone|Area)/,
  );
  await page.screenshot({ path: '/tmp/space2-vacancy-devzone-en.png' });
  await page.goto('/space/programme');
  await page
    .getByTestId('space-programme')
    .locator('tr.ant-table-row', { hasText: 'at least 2 million m²' })
    .locator('.ant-table-row-expand-icon')
    .click();
  await expect(page.getByTestId('space-programme-devzone').first()).toContainText(/Wuhan .*(Zone|Area)/);
  await page.screenshot({ path: '/tmp/space2-programme-devzone-en.png' });
});

test('the 工业上楼 rules editor saves a draft, refuses a repeated process naming the rule, and publishes a version', async ({
  page,
  request,
}) => {
  type Rules = { version: number; rules: { process: string; minFloorLoadKnM2: number }[] };
  const before = (await (await request.get('/api/v1/space/rules')).json()) as Rules;
  await page.goto('/space/rules');
  await expect(page.getByTestId('space-rules-version')).toContainText(`现行第 ${before.version} 版`, {
    timeout: 30_000,
  });
  const rows = page.getByTestId('space-rules-table').locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(before.rules.length);
  const cell = (row: number, i: number) => rows.nth(row).locator('input').nth(i);

  // The second rule takes the first one's process code: saving is refused under that field, naming the rule.
  await cell(1, 0).fill(before.rules[0]!.process);
  await page.getByTestId('space-rules-note').fill('E2E：一类金工荷载');
  await page.getByTestId('space-rules-save').click();
  await expect(page.locator('[data-server-error]').first()).toContainText('工艺代码与前面的规则重复');
  await expect(page.locator('[data-server-error]').first()).toContainText('金工车间（四类）');
  await expect(page.getByTestId('space-rules-publish')).toBeDisabled();

  // Fixed, and the first rule's floor load raised: saved as a draft, not yet in force.
  await cell(1, 0).fill(before.rules[1]!.process);
  await cell(0, 3).fill(String(before.rules[0]!.minFloorLoadKnM2 + 1));
  await page.getByTestId('space-rules-save').click();
  await expect(page.getByTestId('space-rules-draft')).toContainText(`基于第 ${before.version} 版`);
  const mid = (await (await request.get('/api/v1/space/rules')).json()) as Rules;
  expect(mid.version).toBe(before.version);
  expect(mid.rules[0]!.minFloorLoadKnM2).toBe(before.rules[0]!.minFloorLoadKnM2);

  // Published: the next version is in force with the new load; the history lists it.
  await page.getByTestId('space-rules-publish').click();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await expect(page.getByTestId('space-rules-version')).toContainText(`现行第 ${before.version + 1} 版`);
  await expect(page.getByTestId('space-rules-versions')).toContainText('E2E：一类金工荷载');
  const after = (await (await request.get('/api/v1/space/rules')).json()) as Rules;
  expect(after.version).toBe(before.version + 1);
  expect(after.rules[0]!.minFloorLoadKnM2).toBe(before.rules[0]!.minFloorLoadKnM2 + 1);
  const old = (await (await request.get(`/api/v1/space/rules/versions/${before.version}`)).json()) as Rules;
  expect(old.rules).toEqual(before.rules);

  // Back to the original values as a further version (the other tests read the rules in force).
  const csrf = ((await (await request.get('/api/v1/auth/session')).json()) as { csrfToken: string }).csrfToken;
  const headers = { 'x-csrf-token': csrf };
  expect(
    (
      await request.put('/api/v1/space/rules/draft', { headers, data: { rules: before.rules, note: 'E2E restore' } })
    ).status(),
  ).toBe(200);
  expect((await request.post('/api/v1/space/rules/draft/publish', { headers, data: {} })).status()).toBe(200);
});

test('the programme targets editor refuses a value naming the field, saves a draft and publishes the version progress reads', async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  type Targets = { version: number; targets: { code: string; value: number }[] };
  const before = (await (await request.get('/api/v1/space/targets')).json()) as Targets;
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/space/programme');
  await page.getByTestId('space-programme-targets').click();
  await expect(page).toHaveURL(/\/space\/targets$/);
  await expect(page.getByTestId('space-targets-version')).toContainText(
    before.version > 0 ? `现行第 ${before.version} 版` : '初始数据',
    { timeout: 30_000 },
  );
  const rows = page.getByTestId('space-targets-table').locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(before.targets.length);
  const value = rows.nth(0).locator('.ant-input-number-input');

  // A negative value is refused under that target's value, in the metric's unit; nothing is saved.
  await value.fill('-1');
  await page.getByTestId('space-targets-note').fill('E2E：面积目标');
  await page.getByTestId('space-targets-save').click();
  await expect(page.locator('[data-server-error]').first()).toContainText('目标值须为正数', { timeout: 30_000 });
  await expect(page.getByTestId('space-targets-publish')).toBeDisabled();
  await page.screenshot({ path: '/tmp/space3-targets-zh.png' });

  // Fixed: saved as a draft, not yet in force.
  const raised = before.targets[0]!.value + 1000;
  await value.fill(String(raised));
  await page.getByTestId('space-targets-save').click();
  await expect(page.getByTestId('space-targets-draft')).toContainText(`基于第 ${before.version} 版`, {
    timeout: 30_000,
  });
  const mid = (await (await request.get('/api/v1/space/targets')).json()) as Targets;
  expect(mid.targets[0]!.value).toBe(before.targets[0]!.value);

  // Published: the next version is in force, listed in the history, and progress reads it.
  await page.getByTestId('space-targets-publish').click();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await expect(page.getByTestId('space-targets-version')).toContainText(`现行第 ${before.version + 1} 版`, {
    timeout: 30_000,
  });
  await expect(page.getByTestId('space-targets-versions')).toContainText('E2E：面积目标');
  const prog = (await (await request.get('/api/v1/space/programme')).json()) as Targets;
  expect(prog.targets.find((x) => x.code === before.targets[0]!.code)!.value).toBe(raised);

  await page.evaluate(() => localStorage.setItem('parklink.lang', 'en-US'));
  await page.reload();
  await expect(page.getByTestId('space-targets-version')).toContainText(`Version ${before.version + 1} in force`, {
    timeout: 30_000,
  });
  await expect(page.getByTestId('space-targets-versions')).toContainText(/\d+ targets?/);
  await page.screenshot({ path: '/tmp/space3-targets-en.png' });

  // Back to the original values as a further version (the other tests read the targets in force).
  const csrf = ((await (await request.get('/api/v1/auth/session')).json()) as { csrfToken: string }).csrfToken;
  const headers = { 'x-csrf-token': csrf };
  const put = await request.put('/api/v1/space/targets/draft', {
    headers,
    data: { targets: before.targets, note: 'E2E restore' },
  });
  expect(put.status(), await put.text()).toBe(200);
  expect((await request.post('/api/v1/space/targets/draft/publish', { headers, data: {} })).status()).toBe(200);
});
