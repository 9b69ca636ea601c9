import { expect, test } from './fixtures';
import { api, startInChinese } from './helpers';

test.beforeEach(async ({ page }) => startInChinese(page));

async function jiangfeng(request: import('@playwright/test').APIRequestContext) {
  const page = await api<{ items: { id: number; name: string }[] }>(
    request,
    `/enterprises?q=${encodeURIComponent('江丰电子')}&limit=5`,
  );
  const e = page.items.find((x) => x.name.includes('江丰电子'));
  expect(e, '江丰电子 in the demo data').toBeTruthy();
  return e as { id: number; name: string };
}

test('the header search finds 江丰电子 by pinyin initials and Enter opens it', async ({ page, request }) => {
  const target = await jiangfeng(request);
  await page.goto('/parks');
  const box = page.getByTestId('global-search').locator('input');
  await box.click();
  await box.pressSequentially('jfdz', { delay: 40 });

  const hit = page.getByTestId(`search-hit-enterprise-${target.id}`);
  await expect(hit).toBeVisible();
  await expect(hit).toContainText('武汉江丰电子材料有限公司');
  // The matched characters are marked.
  await expect(hit.locator('mark.hit-mark').first()).toHaveText('江丰电子');
  // Hits are grouped by kind.
  await expect(page.locator('.global-search-popup')).toContainText('企业');

  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/enterprises/${target.id}$`));
  await expect(page.getByTestId('page-title')).toContainText('江丰电子');
  await expect(box).toHaveValue('');
});

test('the header search also takes Chinese substrings and full pinyin, and moves with the arrow keys', async ({
  page,
  request,
}) => {
  const target = await jiangfeng(request);
  await page.goto('/');
  const box = page.getByTestId('global-search').locator('input');

  await box.fill('江丰');
  await expect(page.getByTestId(`search-hit-enterprise-${target.id}`)).toBeVisible();
  await expect(page.getByTestId(`search-hit-enterprise-${target.id}`).locator('mark.hit-mark').first()).toHaveText(
    '江丰',
  );

  await box.fill('jiangfeng');
  await expect(page.getByTestId(`search-hit-enterprise-${target.id}`)).toBeVisible();

  // ArrowDown moves to the second hit; Enter opens that one rather than the first.
  await expect(page.locator('[data-testid=search-results][data-query="jiangfeng"][aria-busy=false]')).toBeVisible();
  const options = page.locator('.global-search-popup .ant-select-item-option');
  await expect(options.nth(1)).toBeVisible();
  await box.press('ArrowDown');
  await expect(options.nth(1)).toHaveClass(/ant-select-item-option-active/);
  const second = await options.nth(1).locator('[data-testid^=search-hit-]').getAttribute('data-testid');
  await box.press('Enter');
  const [, type, id] = /^search-hit-(\w+)-(\d+)$/.exec(second ?? '') ?? [];
  if (type === 'enterprise' || type === 'park' || type === 'building') {
    await expect(page).toHaveURL(new RegExp(`/${type}s/${id}`));
  }

  // A query nothing matches says so.
  await box.fill('zzzzqqqxxx');
  await expect(page.getByTestId('search-empty')).toBeVisible();
});
