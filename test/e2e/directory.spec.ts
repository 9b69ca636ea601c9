import { expect, test } from './fixtures';
import { directory, findBuilding, startInChinese } from './helpers';

test.beforeEach(async ({ page }) => startInChinese(page));

test('北斗大厦 directory runs top-down from upstream chip design', async ({ page, request }) => {
  const beidou = await findBuilding(request, '北斗大厦');
  const dir = await directory(request, beidou.id);
  const numbers = dir.floors.map((f) => f.floorNo);
  expect(numbers, 'API serves floors top first').toEqual([...numbers].sort((a, b) => b - a));
  const top = dir.floors.find((f) => f.units.some((u) => u.tenants.length > 0));
  expect(top, 'an occupied floor').toBeTruthy();
  if (!top) return;
  const topTenants = top.units.flatMap((u) => u.tenants);

  await page.goto(`/buildings/${beidou.id}`);
  await expect(page.getByTestId('page-title')).toContainText('北斗大厦');

  // Rows appear top floor first.
  const shown = await page
    .locator('[data-testid^="floor-"][data-floor]')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-floor'))));
  expect(shown).toEqual(numbers);

  // The top occupied floor holds chip-design firms: every chip there is upstream.
  const row = page.getByTestId(`floor-${top.floorNo}`);
  for (const t of topTenants) {
    expect(t.chainStage).toBe('upstream');
    const chip = row.getByTestId(`tenant-${t.enterpriseId}`);
    await expect(chip).toHaveAttribute('data-stage', 'upstream');
  }
  await expect(page.getByTestId('directory-legend')).toContainText('上游');

  // Colouring by industry division changes the legend but keeps the chips.
  await page.getByTestId('color-mode').getByText('按行业门类（大类）').click();
  await expect(page).toHaveURL(/color=industry/);
  await expect(row.getByTestId(`tenant-${topTenants[0]?.enterpriseId}`)).toBeVisible();

  // A chip opens the enterprise.
  await row.getByTestId(`tenant-${topTenants[0]?.enterpriseId}`).click();
  await expect(page).toHaveURL(new RegExp(`/enterprises/${topTenants[0]?.enterpriseId}`));
});
