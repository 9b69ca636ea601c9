import { expect, test } from './fixtures';
import { api, startInChinese } from './helpers';

test.beforeEach(async ({ page }) => startInChinese(page));

interface Geo {
  features: { properties: { name: string; regionCode: string | null } }[];
}

test('the home map draws every district and a click on a park opens it', async ({ page, request }) => {
  const geo = await api<Geo>(request, '/geo/wuhan-districts');
  expect(geo.features.length).toBe(13);

  await page.goto('/');
  const map = page.getByTestId('district-map');
  // The map is drawn as SVG, so district names are real text nodes.
  for (const f of geo.features) {
    await expect(map.locator('svg text', { hasText: f.properties.name }).first()).toBeAttached();
  }
  await expect(page.getByTestId('map-provenance')).toContainText('GCJ-02');
  await expect(page.getByTestId('map-provenance')).toContainText('合成');

  // Click the drawn marker of a park (its keyboard stand-in tells where it is).
  const marker = page.locator('[data-testid^=map-park-]').first();
  await expect(marker).toBeAttached();
  const id = (await marker.getAttribute('data-testid'))?.replace('map-park-', '');
  const box = await marker.boundingBox();
  expect(box).toBeTruthy();
  if (!box) return;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page).toHaveURL(new RegExp(`/parks/${id}$`));
  await expect(page.getByTestId('page-title')).toBeVisible();
});

test('the choropleth switches metric and a district click lists its parks', async ({ page, request }) => {
  const geo = await api<Geo>(request, '/geo/wuhan-districts');
  const huangpi = geo.features.find((f) => f.properties.name === '黄陂区');
  expect(huangpi?.properties.regionCode).toBeTruthy();

  await page.goto('/');
  await page.getByTestId('map-metric').getByText('园区数').click();
  await expect(page).toHaveURL(/metric=parks/);
  await expect(page.getByTestId('district-map').locator('svg text', { hasText: '园区数' })).toBeAttached();

  // Clicking a district's name (on its area) opens the park list filtered by that district.
  await page.getByTestId('district-map').locator('svg text', { hasText: '黄陂区' }).first().click();
  await expect(page).toHaveURL(new RegExp(`/parks\\?regionCode=${huangpi?.properties.regionCode}`));
  await expect(page.getByTestId('filter-regionCode')).toContainText('黄陂区');
});

test('district names are drawn above the park markers and clusters, so markers never hide them', async ({
  page,
  request,
}) => {
  const geo = await api<Geo>(request, '/geo/wuhan-districts');
  await page.goto('/');
  const map = page.getByTestId('district-map');
  await expect(page.locator('[data-testid^=map-cluster-]').first()).toBeAttached({ timeout: 60_000 });
  // SVG paints in document order: a district name must come after every cluster's count (drawn on its circle).
  const order = await map.locator('svg').evaluate(
    (svg, names) => {
      const all = [...svg.querySelectorAll('text')];
      const idx = (pred: (e: Element) => boolean) => all.map((e, i) => (pred(e) ? i : -1)).filter((i) => i >= 0);
      return {
        labels: idx((e) => e.tagName === 'text' && names.includes(e.textContent?.trim() ?? '')),
        counts: idx((e) => e.tagName === 'text' && /^\d+$/.test(e.textContent?.trim() ?? '')),
      };
    },
    geo.features.map((f) => f.properties.name),
  );
  expect(order.labels.length).toBeGreaterThan(5);
  expect(order.counts.length).toBeGreaterThan(0);
  expect(Math.min(...order.labels)).toBeGreaterThan(Math.max(...order.counts));
});
