/** Shared helpers: look demo records up through the API instead of hard-coding ids. */
import { type APIRequestContext, expect, type Locator, type Page } from '@playwright/test';
import type { TBuilding, TBuildingDirectory, TEnterprise, TPark } from '../../src/contracts/registry';

interface Page_<T> {
  items: T[];
  total: number;
}

export async function api<T>(request: APIRequestContext, path: string): Promise<T> {
  const res = await request.get(`/api/v1${path}`);
  expect(res.ok(), `GET ${path} → ${res.status()}`).toBeTruthy();
  return (await res.json()) as T;
}

export async function findPark(request: APIRequestContext, name: string): Promise<TPark> {
  const page = await api<Page_<TPark>>(request, `/parks?q=${encodeURIComponent(name)}&limit=50`);
  const park = page.items.find((p) => p.name.includes(name));
  expect(park, `park named like ${name}`).toBeTruthy();
  return park as TPark;
}

export async function findBuilding(request: APIRequestContext, name: string): Promise<TBuilding> {
  const page = await api<Page_<TBuilding>>(request, `/buildings?q=${encodeURIComponent(name)}&limit=50`);
  const building = page.items.find((b) => b.name.includes(name));
  expect(building, `building named like ${name}`).toBeTruthy();
  return building as TBuilding;
}

export function directory(request: APIRequestContext, buildingId: number) {
  return api<TBuildingDirectory>(request, `/buildings/${buildingId}/directory`);
}

export async function enterprise(request: APIRequestContext, id: number) {
  return api<TEnterprise>(request, `/enterprises/${id}`);
}

/**
 * Opens an antd Select (a data-testid or a locator), picks the option with this text and checks that the select
 * now shows it. A click that lands while the dropdown is still sliding in can hit a neighbouring option (CI once
 * picked 访客 for 园区运营方) or be lost (CI once left 属于 where ≥ was clicked), so the pick is verified and
 * retried. With `type`, the select is searchable: the text is typed first and the option taken from what is left.
 * `shows` is what the select reads after the pick when that is not the option's text.
 */
export async function pickOption(
  page: Page,
  select: string | Locator,
  text: string,
  opts: { type?: string; shows?: string | RegExp } = {},
) {
  const box = typeof select === 'string' ? page.getByTestId(select) : select;
  await expect(async () => {
    const dropdown = page.locator('.ant-select-dropdown:visible').first();
    if (!(await dropdown.isVisible())) await box.click({ timeout: 3000 });
    if (opts.type !== undefined) await box.locator('input').fill(opts.type, { timeout: 3000 });
    const option = dropdown.locator('.ant-select-item-option', { hasText: text }).first();
    await expect(option).toBeVisible({ timeout: 3000 });
    // Let the slide-in animation finish before clicking.
    await expect(dropdown).not.toHaveClass(/ant-slide-up-(enter|appear)/, { timeout: 3000 });
    await option.click({ timeout: 3000 });
    await expect(box).toContainText(opts.shows ?? text, { timeout: 2000 });
  }).toPass({ timeout: 20_000 });
}

/** Starts every test in Chinese, whatever an earlier test chose. */
export async function startInChinese(page: Page) {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('e2e-lang-set')) {
      localStorage.setItem('parklink.lang', 'zh-CN');
      sessionStorage.setItem('e2e-lang-set', '1');
    }
  });
}
