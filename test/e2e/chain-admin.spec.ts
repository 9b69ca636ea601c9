/** Chain maintenance in the browser: edit a node's keywords and publish; bulk-confirm suggestions. */
import type { TChainTemplate } from '../../src/contracts/chains';
import { expect, test } from './fixtures';
import { api, pickOption, startInChinese } from './helpers';

test.beforeEach(async ({ page }) => startInChinese(page));

interface Review {
  items: { key: string; enterpriseId: number; nodeId: string }[];
  counts: { pending: number; confirmed: number; rejected: number };
}

test('edits a node keyword and publishes a new template version', async ({ page, request }) => {
  const before = await api<TChainTemplate>(request, '/chains/bd');
  const node = before.nodes.find((n) => !n.group)!;
  const keyword = `端到端关键词${Date.now() % 100000}`;

  await page.goto('/chain-admin/templates');
  await expect(page.getByTestId('templates-table')).toContainText('北斗', { timeout: 30_000 });
  await page.getByTestId('edit-bd').click();
  await expect(page).toHaveURL(/\/chain-admin\/templates\/bd$/);
  await expect(page.getByTestId('page-title')).toContainText('编辑模板');

  const select = page.getByTestId(`keywords-${node.id}`);
  // Filled into the select's own search box (typing after a click could start before it had focus).
  const input = select.locator('input');
  await expect(async () => {
    await input.fill(keyword);
    await expect(input).toHaveValue(keyword, { timeout: 1000 });
    await input.press('Enter');
    await expect(select).toContainText(keyword, { timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  await page.getByTestId('publish-note').fill('端到端：加一个关键词');
  await page.getByTestId('publish').click();
  await expect(page.getByText(`已发布 v${before.version + 1}`)).toBeVisible();

  const after = await api<TChainTemplate>(request, '/chains/bd');
  expect(after.version).toBe(before.version + 1);
  expect(after.nodes.find((n) => n.id === node.id)!.keywords).toContain(keyword);

  // the history names the change: the node by its name and the field by its label, never their codes
  await page.goto('/chain-admin/templates?history=bd');
  await expect(page.getByTestId(`version-${after.version}`)).toContainText(`${node.nameZh}（关键词）`, {
    timeout: 30_000,
  });
  await expect(page.getByTestId(`version-${after.version}`)).not.toContainText(node.id);
  await expect(page.getByTestId(`version-${after.version}`)).toContainText('端到端：加一个关键词');
});

test('edits a node’s bottleneck flag and remark in its expanded row, adds a source, and publishes', async ({
  page,
  request,
}) => {
  const before = await api<TChainTemplate>(request, '/chains/sp');
  const node = before.nodes.find((n) => !n.group && !n.bottleneck)!;
  const stamp = Date.now() % 100000;

  await page.goto('/chain-admin/templates/sp');
  await expect(page.getByTestId('page-title')).toContainText('编辑模板');
  // The table shows names, not ids: the row is found by the id it carries.
  const row = page.getByTestId('nodes-table').locator('tr', { has: page.locator(`[data-node-id="${node.id}"]`) });
  await row.locator('.ant-table-row-expand-icon').click();
  const details = page.getByTestId(`node-details-${node.id}`);
  await expect(details).toBeVisible();
  await pickOption(page, `bottleneck-${node.id}`, '常识判断');
  await page.getByTestId(`note-${node.id}`).fill(`端到端备注${stamp}`);

  await page.getByRole('tab', { name: '基本信息' }).click();
  await page.getByTestId('add-source').click();
  const last = before.sources.length + 1;
  await page.getByLabel(`标签 ${last}`).fill(`E${stamp}`);
  await page.getByLabel(`来源说明 ${last}`).fill('端到端测试来源');

  await page.getByTestId('publish-note').fill('端到端：卡脖子标记');
  await page.getByTestId('publish').click();
  await expect(page.getByText(`已发布 v${before.version + 1}`)).toBeVisible();
  const after = await api<TChainTemplate>(request, '/chains/sp');
  expect(after.nodes.find((n) => n.id === node.id)).toMatchObject({
    bottleneck: 'general_knowledge',
    note: `端到端备注${stamp}`,
  });
  expect(after.sources.at(-1)).toMatchObject({ tag: `E${stamp}`, title: '端到端测试来源', tier: 'C' });
});

test('bulk-confirms two suggested mappings, which are then no longer suggested', async ({ page, request }) => {
  const before = await api<Review>(request, '/chain-mapping-review?chainCode=oe');
  expect(before.items.length).toBeGreaterThanOrEqual(2);

  await page.goto('/chain-admin/mappings?chain=oe');
  await expect(page.getByTestId('review-status')).toContainText(`待审核 ${before.counts.pending}`, { timeout: 30_000 });
  const rows = page.getByTestId('review-table').locator('tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  const keys = [await rows.nth(0).getAttribute('data-row-key'), await rows.nth(1).getAttribute('data-row-key')];
  await rows.nth(0).locator('input[type=checkbox]').check();
  await rows.nth(1).locator('input[type=checkbox]').check();
  await expect(page.getByTestId('bulk-bar')).toContainText('已选 2 条');
  await page.getByTestId('bulk-confirm').click();
  await expect(page.getByText('已确认 2 条，否决 0 条')).toBeVisible();
  await expect(page.getByTestId('review-status')).toContainText(`已确认 ${before.counts.confirmed + 2}`);

  const after = await api<Review>(request, '/chain-mapping-review?chainCode=oe');
  expect(after.items.map((x) => x.key)).not.toContain(keys[0]);
  expect(after.items.map((x) => x.key)).not.toContain(keys[1]);
  const confirmed = await api<Review>(request, '/chain-mapping-review?chainCode=oe&status=confirmed');
  expect(confirmed.items.map((x) => x.key)).toEqual(expect.arrayContaining(keys as string[]));
});

test('shows notes with numbered citations and sources as a reader cites them, never a research key', async ({
  page,
  request,
}) => {
  const tpl = await api<TChainTemplate>(request, '/chains/oe');
  const node = tpl.nodes.find((n) => n.note && /\[[A-Z]+\d*\]/.test(n.note))!;
  await page.goto('/chain-admin/templates/oe');
  await expect(page.getByTestId('page-title')).toContainText('编辑模板', { timeout: 60_000 });
  // A node's remark in its expanded row: as readers see it, numbered citations and no key.
  const row = page.getByTestId('nodes-table').locator('tr', { has: page.locator(`[data-node-id="${node.id}"]`) });
  await row.locator('.ant-table-row-expand-icon').click();
  const details = page.getByTestId(`node-details-${node.id}`);
  await expect(details.getByTestId('cite').first()).toBeVisible();
  await expect(details.getByTestId('cited-text')).not.toContainText('[OE');
  // Hovering a citation opens the source: its status as a plain badge.
  await details.getByTestId('cite').first().hover();
  await expect(page.locator('.ant-popover').getByTestId('source-status')).toHaveText('待核实');

  await page.getByRole('tab', { name: '基本信息' }).click();
  const basis = page.getByTestId('template-basis');
  await expect(basis.getByTestId('cite').first()).toBeVisible();
  await expect(basis).not.toContainText(/\[[A-Z]+\d*\]|\bGK\b/);
  // Each source as a citation (publisher, 《title》, link) with its badge, in the source's expanded row.
  const sources = page.getByTestId('sources-table');
  await sources.locator('.ant-table-row-expand-icon').first().click();
  const cited = sources.getByTestId('chain-source').first();
  await expect(cited.getByTestId('source-citation')).toContainText('cectop.cn，《光通信产业链三段式》');
  await expect(cited.getByTestId('source-status')).toHaveText('待核实');
  await expect(cited).not.toContainText('OE1');
});
