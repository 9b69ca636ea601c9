import { expect, test } from './fixtures';
import { api, directory, findBuilding, startInChinese } from './helpers';

test.beforeEach(async ({ page }) => startInChinese(page));

interface Location {
  parkName: string;
  buildingId: number;
  buildingName: string;
  floorNo: number;
  unitCode: string;
}

test('an enterprise profile shows its location down to the floor and unit', async ({ page, request }) => {
  const tianhui = await findBuilding(request, '天辉');
  const dir = await directory(request, tianhui.id);
  const tenant = dir.floors.flatMap((f) => f.units.flatMap((u) => u.tenants))[0];
  expect(tenant, 'a tenant of the 天辉 building').toBeTruthy();
  if (!tenant) return;
  const locations = await api<Location[]>(request, `/enterprises/${tenant.enterpriseId}/locations`);
  const loc = locations.find((l) => l.buildingId === tianhui.id);
  expect(loc).toBeTruthy();
  if (!loc) return;

  await page.goto(`/enterprises/${tenant.enterpriseId}`);
  await expect(page.getByTestId('page-title')).toContainText(tenant.name);
  const path = page.getByTestId('location-path').first();
  await expect(path.getByTestId('location-park')).toHaveText(loc.parkName);
  await expect(path.getByTestId('location-building')).toHaveText(loc.buildingName);
  await expect(path.getByTestId('location-floor')).toHaveText(`${loc.floorNo}F`);
  await expect(path.getByTestId('location-unit')).toHaveText(loc.unitCode);
  await expect(page.getByTestId('metrics-chart').or(page.getByTestId('empty')).first()).toBeVisible();

  // The floor link opens the building with that floor highlighted.
  await path.getByTestId('location-floor').click();
  await expect(page).toHaveURL(new RegExp(`/buildings/${loc.buildingId}\\?floor=${loc.floorNo}`));
  await expect(page.getByTestId(`floor-${loc.floorNo}`)).toHaveClass(/is-selected/);
  await expect(page.getByTestId(`tenant-${tenant.enterpriseId}`).first()).toBeVisible();
});
