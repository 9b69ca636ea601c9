import ExcelJS from 'exceljs';
import { expect, test } from './fixtures';
import { api, startInChinese } from './helpers';

test.beforeEach(async ({ page }) => startInChinese(page));

interface Page_ {
  items: { name: string }[];
  total: number;
}

/** A workbook as an officer would fill it in: an enterprise sheet and a yearly-metrics sheet, some rows bad. */
async function workbookWithBadRows(run: string) {
  const good = `端到端导入良好企业${run}有限公司`;
  const badCode = `端到端导入坏代码企业${run}有限公司`;
  const badClass = `端到端导入未知行业企业${run}有限公司`;
  const wb = new ExcelJS.Workbook();
  const ent = wb.addWorksheet('企业');
  ent.addRow(['统一社会信用代码', '企业名称', '行业代码', '企业规模', '注册地区划']);
  ent.addRow(['', good, '3985', '小型', '420112']); // row 2: valid
  ent.addRow(['91420100MA4KXXXXX1', badCode, '3985', '小型', '420112']); // row 3: check character fails
  ent.addRow(['', badClass, '9999', '小型', '420112']); // row 4: no GB/T 4754 class 9999
  ent.addRow(['', good, '3985', '小型', '420112']); // row 5: duplicates row 2
  const metrics = wb.addWorksheet('年度指标');
  metrics.addRow(['企业名称', '年度', '从业人员(人)', '营业收入(万元)']);
  metrics.addRow([good, 2024, -5, 100]); // row 2: negative head count
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return {
    buffer,
    names: [good, badCode, badClass],
    // Every error the report must show: sheet, row, column letter, a word of the reason.
    errors: [
      { sheet: '企业', row: 3, column: 'A', reason: '校验位' },
      { sheet: '企业', row: 4, column: 'C', reason: '9999' },
      { sheet: '企业', row: 5, column: 'B', reason: '重复' },
      { sheet: '年度指标', row: 2, column: 'C', reason: '最小 0' },
    ],
  };
}

test('an uploaded workbook with bad rows lists every error and writes nothing', async ({ page, request }) => {
  const run = String(Date.now());
  const file = await workbookWithBadRows(run);

  await page.goto('/import');
  await expect(page.getByTestId('page-title')).toHaveText('数据导入');
  await page.getByTestId('import-upload').setInputFiles({
    name: `企业导入-${run}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: file.buffer,
  });

  // The report: per-sheet counts and every problem with its cell and reason.
  await expect(page).toHaveURL(/\/import\?id=\d+/);
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('共 5 行，其中 4 行有错误');
  await expect(summary).toContainText('尚未写入任何数据');
  const sheets = page.getByTestId('import-sheets');
  await expect(sheets.locator('tbody tr.ant-table-row')).toHaveCount(2);
  const problems = page.getByTestId('import-problems');
  for (const e of file.errors) {
    const cell = problems.getByTestId(`problem-${e.sheet}-${e.row}-${e.column}`);
    await expect(cell, `${e.sheet}!${e.column}${e.row}`).toBeVisible();
    await expect(cell).toContainText(e.reason);
  }
  await expect(problems.locator('tbody tr.ant-table-row')).toHaveCount(file.errors.length);

  // Filtering to one sheet keeps only its problems; the filter lives in the URL.
  await page.getByTestId('problems-sheet').click();
  await page.keyboard.type('年度指标');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/sheet=/);
  await expect(problems.locator('tbody tr.ant-table-row')).toHaveCount(1);

  // All-or-nothing is refused while there are errors, and says why; valid-rows import is offered.
  await expect(page.getByTestId('commit-all')).toBeDisabled();
  await expect(page.getByTestId('commit-all-blocked')).toContainText('4 处错误');
  await expect(page.getByTestId('commit-valid')).toBeEnabled();

  // The same report in English.
  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(summary).toContainText('Rows: 5, with errors: 4');
  await expect(problems).toContainText('Too small');
  await page.getByTestId('lang-switch').getByText('中文').click();

  // Nothing was written: none of the file's enterprises exists.
  for (const name of file.names) {
    const found = await api<Page_>(request, `/enterprises?q=${encodeURIComponent(name)}&limit=5`);
    expect(
      found.items.map((x) => x.name),
      name,
    ).not.toContain(name);
  }

  // Discarding returns to the upload step.
  await page.getByTestId('import-discard').click();
  await expect(page.getByTestId('import-upload')).toBeAttached();
  await expect(page).not.toHaveURL(/id=/);
});

test('importing only the valid rows writes them and offers the rejected rows', async ({ page, request }) => {
  const run = `${Date.now()}v`;
  const file = await workbookWithBadRows(run);
  await page.goto('/import');
  await page.getByTestId('import-upload').setInputFiles({
    name: `valid-${run}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: file.buffer,
  });
  await expect(page.getByTestId('commit-valid')).toBeEnabled();
  await page.getByTestId('commit-valid').click();
  await page.locator('.ant-popconfirm .ant-btn-primary').click();

  const result = page.getByTestId('import-result');
  await expect(result).toContainText('已导入有效行，跳过 4 行');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-rejected').click()]);
  expect(download.suggestedFilename()).toMatch(/rejected.*\.xlsx$/);

  const [good, badCode, badClass] = file.names;
  const written = await api<Page_>(request, `/enterprises?q=${encodeURIComponent(good ?? '')}&limit=5`);
  expect(written.items.map((x) => x.name)).toContain(good);
  for (const name of [badCode, badClass]) {
    const found = await api<Page_>(request, `/enterprises?q=${encodeURIComponent(name ?? '')}&limit=5`);
    expect(found.items.map((x) => x.name)).not.toContain(name);
  }
});
