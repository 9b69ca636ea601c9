/**
 * The e2e `test`: every spec runs signed in (the storage state the setup project saved after
 * signing in as demo-admin through the sign-in page), and its `request` is the page's own, so API
 * look-ups carry the same session cookie as the browser.
 */
import { type APIRequestContext, test as base, expect, type Page } from '@playwright/test';
import { ADMIN_STATE } from '../../playwright.config';

export { expect };
export const DEMO_PASSWORD = 'parklink-demo';

export const test = base.extend<{ adminRequest: APIRequestContext }>({
  request: async ({ page }, use) => {
    await use(page.request);
  },
  /** The demo administrator's API session, for look-ups in specs whose page signs in as someone else. */
  adminRequest: async ({ playwright, baseURL }, use) => {
    const ctx = await playwright.request.newContext({ baseURL, storageState: ADMIN_STATE });
    await use(ctx);
    await ctx.dispose();
  },
});

/** A browser with no session: for specs that sign in as someone else. */
export const signedOut = { storageState: { cookies: [], origins: [] } };

/** Signs in through the sign-in page, as a user would. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD, from = '/') {
  await page.goto(from);
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

/** Opens the header's account menu and picks an entry by its test id. */
export async function accountMenu(page: Page, item: string) {
  await page.getByTestId('user-menu').click();
  // Click the menu item itself once the dropdown has finished opening (its animation can swallow a click).
  const entry = page.getByRole('menuitem').filter({ has: page.getByTestId(item) });
  await expect(entry).toBeVisible();
  await entry.click();
}
