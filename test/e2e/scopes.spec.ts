import type { TMetric, TPark } from '../../src/contracts/registry';
import { expect, signedOut, signIn, test } from './fixtures';
import { api, directory, findBuilding, findPark, startInChinese } from './helpers';

interface Page_<T> {
  items: (T & { redacted?: string[] })[];
  total: number;
}

test.use(signedOut);
test.beforeEach(async ({ page }) => startInChinese(page));

test('a park operator sees 北港工业园, 天辉 and their tenants, and no park outside its scope', async ({
  page,
  adminRequest,
}) => {
  const beigang = await findPark(adminRequest, '北港工业园');
  const tianhui = await findBuilding(adminRequest, '天辉');
  const dir = await directory(adminRequest, tianhui.id);
  const tenants = dir.floors.flatMap((f) => f.units.flatMap((u) => u.tenants));
  expect(tenants.length).toBeGreaterThan(0);
  const everyPark = await api<Page_<TPark>>(adminRequest, '/parks?limit=500');

  await signIn(page, 'demo-operator', undefined, '/parks');
  await expect(page).toHaveURL(/\/parks$/);
  const mine = await api<Page_<TPark>>(page.request, '/parks?limit=500');
  const mineIds = new Set(mine.items.map((p) => p.id));
  expect(mineIds.has(beigang.id)).toBe(true);
  expect(mineIds.has(tianhui.parkId)).toBe(true);
  const outside = everyPark.items.find((p) => !mineIds.has(p.id));
  expect(outside, 'a park outside the operator’s scope').toBeTruthy();
  if (!outside) return;

  // The list holds exactly the operator's parks.
  const rows = page.getByTestId('park-table').locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(mine.items.length);
  await expect(page.getByTestId(`park-link-${beigang.id}`)).toBeVisible();
  await expect(page.getByTestId(`park-link-${outside.id}`)).toHaveCount(0);
  await page.getByTestId('filter-q').locator('input').fill(outside.name);
  await page.getByTestId('filter-q').locator('input').press('Enter');
  await expect(page.getByTestId('park-table').getByTestId('empty')).toBeVisible();

  // Its role and organisation are in the account menu; no administration, no import.
  await page.getByTestId('user-menu').click();
  await expect(page.getByTestId('user-menu-who')).toContainText('园区运营方');
  await expect(page.getByTestId('user-menu-who')).toContainText('北港工业园运营公司');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('nav')).not.toContainText('系统管理');
  await expect(page.getByTestId('nav')).not.toContainText('数据导入');

  // 北港工业园 → the 天辉 building → its tenants.
  await page.goto(`/parks/${beigang.id}`);
  await expect(page.getByTestId('page-title')).toContainText('北港工业园');
  await page.getByTestId(`building-link-${tianhui.id}`).click();
  await expect(page.getByTestId('floor-directory')).toBeVisible();
  for (const t of tenants.slice(0, 5)) await expect(page.getByTestId(`tenant-${t.enterpriseId}`).first()).toBeVisible();

  // A direct address of a park outside the scope: not found or not accessible, and no data.
  await page.goto(`/parks/${outside.id}`);
  await expect(page.getByTestId('not-found')).toContainText('记录不存在或无权查看');
  await expect(page.getByTestId('page-title')).toHaveCount(0);
});

test('an enterprise user sees its own figures and "保密" on another firm’s', async ({ page }) => {
  await signIn(page, 'demo-enterprise');
  const own = (
    await api<Page_<{ id: number; name: string }>>(page.request, `/enterprises?q=${encodeURIComponent('新港生物材料')}`)
  ).items.find((e) => e.name.includes('武汉新港生物材料'));
  expect(own, 'its own enterprise').toBeTruthy();
  if (!own) return;
  const metrics = await api<Page_<TMetric>>(page.request, '/metrics?limit=500');
  const mineFigures = metrics.items.filter((m) => m.enterpriseId === own.id);
  expect(mineFigures.length).toBeGreaterThan(0);
  expect(mineFigures.every((m) => !m.redacted)).toBe(true);
  const other = metrics.items.find((m) => m.enterpriseId !== own.id && m.redacted?.includes('revenueWan'));
  expect(other, 'another firm with figures').toBeTruthy();
  if (!other) return;

  // Its own profile: figures in full, and it may edit it.
  await page.goto(`/enterprises/${own.id}`);
  await expect(page.getByTestId('page-title')).toContainText('武汉新港生物材料');
  const table = page.getByTestId('metrics-table');
  await expect(table).toBeVisible();
  await expect(table).toContainText('营业收入');
  await expect(table).not.toContainText('保密');
  await expect(page.getByTestId('metrics-confidential')).toHaveCount(0);
  await expect(page.getByTestId('edit-enterprise')).toBeVisible();

  // Another firm: the confidential figures read 保密 with a lock, never a dash or zero; no edit.
  await page.goto(`/enterprises/${other.enterpriseId}`);
  await expect(page.getByTestId('metrics-confidential')).toBeVisible();
  const otherTable = page.getByTestId('metrics-table');
  await expect(otherTable.locator('tr', { hasText: '营业收入' })).toContainText('保密');
  await expect(otherTable.locator('tr', { hasText: '税收' })).toContainText('保密');
  await expect(otherTable.locator('tr', { hasText: '营业收入' })).not.toContainText('—');
  await expect(page.getByTestId('edit-enterprise')).toHaveCount(0);
  await expect(page.getByTestId('history-button')).toHaveCount(0);
});
