/**
 * The chain atlas in the browser (issue 5's acceptance): the 光电子信息 chain for 东西湖 shows
 * 江丰电子 on the sputtering-target node and the display-panel leader's supporting rate; the matrix
 * opens a chain for a scope; a view exports to an xlsx; the report prints.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { expect, test } from './fixtures';
import { pickOption, startInChinese } from './helpers';

test.beforeEach(async ({ page }) => startInChinese(page));
// Health is computed on request: give a busy machine room, without timing anything.
test.describe.configure({ timeout: 180_000 });
const SLOW = { timeout: 45_000 };

test('光电子信息 in 东西湖: 江丰电子 on the target node, the panel leader with its supporting rate', async ({
  page,
}) => {
  await page.goto('/chains');
  await expect(page.getByTestId('page-title')).toHaveText('产业链图谱');
  // choose the district through the picker, as a person would
  await pickOption(page, 'scope-kind', '区');
  await pickOption(page, 'scope-value', '东西湖区', { type: '东西湖' });
  await expect(page).toHaveURL(/scope=district%3A420112|scope=district:420112/);
  await page.getByTestId('chain-card-oe').click(SLOW);

  await expect(page.getByTestId('page-title')).toHaveText('光电子信息');
  await expect(page.getByTestId('chain-graph').locator('canvas')).toBeVisible(SLOW);
  await expect(page.getByTestId('graph-legend')).toContainText('缺链');
  await expect(page.getByTestId('score-parts')).toContainText('环节覆盖率');

  // drill down into the sputtering-target node
  await page.getByTestId('gap-oe.target').click();
  const drawer = page.getByTestId('node-drawer');
  await expect(drawer).toContainText('溅射靶材');
  await expect(drawer.getByTestId('node-firms')).toContainText('武汉江丰电子材料有限公司', SLOW);
  await expect(drawer.getByTestId('node-why')).toContainText('少于 3 家');
  await expect(page).toHaveURL(/node=oe\.target/);
  await page.keyboard.press('Escape');

  // on a segment with candidates outside 东西湖 (laser chips), the first one becomes an investment
  // lead with one click and opens as a project
  await page.goto('/chains/oe?scope=district%3A420112&node=oe.ld_chip');
  const chips = page.getByTestId('node-drawer');
  // laser chips are flagged as a bottleneck (卡脖子) by the template, with its remark
  await expect(chips.getByTestId('node-bottleneck')).toContainText('卡脖子', SLOW);
  // its sources as numbered citations, not the research notes' keys ([OE6], GK)
  await expect(chips.getByTestId('node-bottleneck')).not.toContainText(/\[[A-Z]+\d*\]|\bGK\b/);
  await chips.getByTestId('candidates').locator('[data-testid^="to-lead-"]').first().click(SLOW);
  await chips.getByTestId('lead-link').first().click(SLOW);
  await expect(page).toHaveURL(/\/projects\/\d+/);
  await expect(page.getByText('激光器芯片').first()).toBeVisible(SLOW);
  await page.goBack();
  await expect(page.getByTestId('node-drawer')).toBeVisible(SLOW);
  await page.keyboard.press('Escape');

  // the display-panel leader and its local supporting rate: the docking demo's deals (江丰 and a Shanghai
  // supplier) carry amounts, so the share is by amount, with the links of unknown amount counted apart
  const leader = page.getByTestId('leaders').getByRole('row').filter({ hasText: '京东方' });
  await expect(leader).toContainText('TFT-LCD 面板');
  await expect(leader).toContainText('%');
  await expect(leader).toContainText('按金额');
  await expect(leader).toContainText('金额未知');
  await expect(page.getByTestId('leaders')).toBeVisible();
  // the score's supporting part rests on the panel's definition (never "无法计算" beside a leader's
  // rate), and key links are counted as whole links, partial credit named apart
  const parts = page.getByTestId('score-parts');
  const supporting = parts.getByRole('row').filter({ hasText: '链主本地配套率' });
  await expect(supporting).not.toContainText('无法计算');
  await expect(supporting).toContainText(/\d+ 家链主的平均值（按金额 \d+ 家/);
  const keyLinks = parts.getByRole('row').filter({ hasText: '关键环节覆盖' });
  await expect(keyLinks).toContainText(/\d+ \/ \d+ 个关键环节全覆盖/);
  await expect(keyLinks).not.toContainText(/(^|\D)0\.\d+ \/ \d/);

  // its suppliers on the map, local ones coloured apart, the rest listed
  await leader.getByRole('button', { name: /供应商地图/ }).click();
  await expect(page.getByTestId('supplier-map')).toBeVisible(SLOW);
  await expect(page.getByTestId('map-rate')).toContainText('%');
});

test('the matrix renders chains × parks and a cell opens that chain for the park', async ({ page }) => {
  await page.goto('/chains/matrix');
  const matrix = page.getByTestId('chain-matrix');
  await expect(matrix).toContainText('光电子信息', SLOW);
  await expect(matrix).toContainText('武汉临空港经济技术开发区');
  const cell = matrix.locator('[data-testid^="cell-oe-park:"]').first();
  const testId = await cell.getAttribute('data-testid');
  const park = testId?.replace('cell-oe-', '') ?? '';
  await cell.click();
  await expect(page).toHaveURL(new RegExp(`/chains/oe\\?scope=${park.replace(':', '(:|%3A)')}`));
  await expect(page.getByTestId('page-title')).toHaveText('光电子信息');

  await page.goto('/chains/matrix?by=district');
  await expect(page.getByTestId('chain-matrix')).toContainText('东西湖区', SLOW);
});

test('the chain view exports to an xlsx with its segments and the report prints', async ({ page }) => {
  await page.goto('/chains/oe?scope=district:420112');
  await expect(page.getByTestId('page-title')).toHaveText('光电子信息', SLOW);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-chain').click()]);
  expect(download.suggestedFilename()).toMatch(/^parklink-chain-oe-district-420112-.*\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
  expect(wb.worksheets.map((s) => s.name)).toEqual(expect.arrayContaining(['环节', '本地企业', '链主', '得分构成']));
  const firms: string[] = [];
  wb.getWorksheet('本地企业')?.eachRow((row) => firms.push(row.values?.toString() ?? ''));
  expect(firms.join('\n')).toContain('武汉江丰电子材料有限公司');

  await page.goto('/print/chains/oe?scope=district:420112');
  await expect(page.getByTestId('chain-report')).toContainText('光电子信息 产业链健康报告', SLOW);
  await expect(page.getByTestId('chain-report')).toContainText('东西湖区');
  await expect(page.getByTestId('print-now')).toBeVisible();
  await expect(page.getByTestId('chain-graph').locator('svg')).toBeVisible();
});

test('the comparison puts two scopes side by side', async ({ page }) => {
  await page.goto('/chains/compare?code=oe&a=district:420112&b=city');
  await expect(page.getByTestId('compare-nodes')).toContainText('溅射靶材', SLOW);
  await expect(page.getByTestId('compare-score-a')).toBeVisible();
  await expect(page.getByTestId('compare-score-b')).toBeVisible();
});
