import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { expect, test } from './fixtures';
import { api, startInChinese } from './helpers';

test.beforeEach(async ({ page }) => startInChinese(page));

test('the export button downloads the filtered enterprise list as an xlsx', async ({ page, request }) => {
  // The view: enterprises of one district, sorted by name.
  const filter = 'regionCode=420112&sort=name';
  // Every page of the list (the district holds more firms than one page of the API).
  const expected = { total: 0, items: [] as { name: string }[] };
  do {
    const page = await api<{ total: number; items: { name: string }[] }>(
      request,
      `/enterprises?${filter}&limit=500&offset=${expected.items.length}`,
    );
    expected.total = page.total;
    expected.items.push(...page.items);
    if (page.items.length === 0) break;
  } while (expected.items.length < expected.total);
  expect(expected.total).toBeGreaterThan(0);
  expect(expected.items).toHaveLength(expected.total);

  await page.goto(`/enterprises?${filter}`);
  await expect(page.getByTestId('page-title')).toHaveText('企业');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  expect(download.suggestedFilename()).toMatch(/^parklink-enterprises-.*\.xlsx$/);
  const path = await download.path();
  const bytes = await readFile(path);
  expect(bytes.length).toBeGreaterThan(0);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // an xlsx is a zip

  // It holds the view's rows (all pages, same filter and order) under Chinese headers.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  expect(sheet).toBeTruthy();
  if (!sheet) return;
  const headers = (sheet.getRow(1).values as unknown[]).map(String);
  expect(headers).toContain('企业名称');
  const nameCol = headers.indexOf('企业名称');
  const names: string[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) names.push(String(row.getCell(nameCol).value ?? ''));
  });
  expect(names).toEqual(expected.items.map((x) => x.name));
});

test('the park list exports CSV and the import page the whole dataset', async ({ page }) => {
  await page.goto('/parks?regionCode=420111');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  const text = await readFile(await csv.path(), 'utf8');
  expect(text).toContain('园区名称');

  await page.goto('/import');
  const [dataset] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dataset-zh').click()]);
  expect(dataset.suggestedFilename()).toMatch(/^parklink-dataset-.*\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(await dataset.path())) as unknown as ArrayBuffer);
  expect(wb.worksheets.map((s) => s.name)).toEqual(expect.arrayContaining(['园区', '楼宇', '企业']));
});
