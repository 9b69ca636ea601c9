import { expect, test } from './fixtures';
import { directory, findBuilding, findPark, pickOption, startInChinese } from './helpers';

test.beforeEach(async ({ page }) => startInChinese(page));

test('park list filters by district and keeps the filter in the URL', async ({ page, request }) => {
  const beigang = await findPark(request, '北港工业园');
  await page.goto('/parks');
  await expect(page.getByTestId('page-title')).toHaveText('园区');
  await expect(page.getByTestId('park-table').locator('tbody tr').first()).toBeVisible();

  await pickOption(page, 'filter-regionCode', beigang.regionName ?? '洪山区');
  await expect(page).toHaveURL(new RegExp(`regionCode=${beigang.regionCode}`));
  const rows = page.getByTestId('park-table').locator('tbody tr.ant-table-row');
  // Every row is in the chosen district (polling: the previous page stays up while the new one loads).
  await expect
    .poll(async () => {
      const districts = await rows.locator('td:nth-child(4)').allTextContents();
      return districts.length > 0 && districts.every((d) => d === beigang.regionName);
    })
    .toBe(true);

  // The filter survives a reload (it lives in the URL).
  await page.reload();
  await expect(page.getByTestId('filter-regionCode')).toContainText(beigang.regionName ?? '');
});

test('opens 北港工业园, then the 天辉 building, and shows the tenants of a floor', async ({ page, request }) => {
  const beigang = await findPark(request, '北港工业园');
  const tianhui = await findBuilding(request, '天辉');
  const dir = await directory(request, tianhui.id);
  const floor = dir.floors.find((f) => f.units.some((u) => u.tenants.length > 0));
  expect(floor, 'a floor with tenants').toBeTruthy();
  if (!floor) return;
  const tenants = floor.units.flatMap((u) => u.tenants);

  await page.goto(`/parks?q=${encodeURIComponent('北港')}`);
  await page.getByTestId(`park-link-${beigang.id}`).click();
  await expect(page).toHaveURL(new RegExp(`/parks/${beigang.id}`));
  await expect(page.getByTestId('page-title')).toContainText('北港工业园');
  await expect(page.getByTestId('park-map').locator('canvas')).toBeVisible();

  // The 天辉 building sits in a sub-park; the park's building tab lists its whole subtree.
  await page.getByTestId(`building-link-${tianhui.id}`).click();
  await expect(page).toHaveURL(new RegExp(`/buildings/${tianhui.id}`));
  await expect(page.getByTestId('floor-directory')).toBeVisible();

  const row = page.getByTestId(`floor-${floor.floorNo}`);
  await expect(row).toContainText(`${floor.floorNo}F`);
  for (const t of tenants) {
    await expect(row.getByTestId(`tenant-${t.enterpriseId}`)).toHaveText(new RegExp(escapeRe(t.name)));
  }

  // The floor filter highlights that floor and is kept in the URL; "only this floor" hides the others.
  await pickOption(page, 'floor-filter', `${floor.floorNo}F`);
  await expect(page).toHaveURL(new RegExp(`floor=${floor.floorNo}`));
  await expect(row).toHaveClass(/is-selected/);
  await page.getByTestId('only-floor').click();
  await expect(page.locator('[data-testid^="floor-"][data-floor]')).toHaveCount(1);
  await expect(page.getByTestId(`floor-${floor.floorNo}`)).toBeVisible();
});

function escapeRe(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
