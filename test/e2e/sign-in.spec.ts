import { accountMenu, DEMO_PASSWORD, expect, signedOut, signIn, test } from './fixtures';
import { startInChinese } from './helpers';

test.use(signedOut);
test.beforeEach(async ({ page }) => startInChinese(page));

test('a wrong password shows the error in the current language; signing in returns to the page asked for', async ({
  page,
}) => {
  await page.goto('/parks?regionCode=420112');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fparks%3FregionCode%3D420112$/);

  // In demo mode the demo accounts are listed; a click fills the form.
  await page.getByTestId('demo-demo-viewer').click();
  await expect(page.getByTestId('username')).toHaveValue('demo-viewer');
  await expect(page.getByTestId('password')).toHaveValue(DEMO_PASSWORD);

  await page.getByTestId('password').fill('not-the-password');
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('sign-in-error')).toContainText('用户名或密码不正确');
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(page.getByTestId('sign-in-error')).toContainText('Wrong user name or password');
  await page.getByTestId('lang-switch').getByText('中文').click();

  await page.getByTestId('password').fill(DEMO_PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await expect(page).toHaveURL(/\/parks\?regionCode=420112$/);
  await expect(page.getByTestId('page-title')).toHaveText('园区');
  await expect(page.getByTestId('filter-regionCode')).toContainText('东西湖区');
});

test('signing out returns to the sign-in page and ends the session', async ({ page }) => {
  await signIn(page, 'demo-analyst');
  await page.getByTestId('user-menu').click();
  await expect(page.getByTestId('user-menu-who')).toContainText('市级分析员');
  await expect(page.getByTestId('user-menu-who')).toContainText('武汉市经济和信息化局');
  // The menu item itself, once the dropdown has finished opening (its animation can swallow a click on the label).
  const signOut = page.getByRole('menuitem').filter({ has: page.getByTestId('sign-out') });
  await expect(signOut).toBeVisible();
  await signOut.click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByTestId('sign-in')).toBeVisible();

  // The cookie no longer opens anything: pages send back to sign-in, the API answers 401.
  expect((await page.request.get('/api/v1/auth/session')).status()).toBe(401);
  expect((await page.request.get('/api/v1/parks')).status()).toBe(401);
  await page.goto('/enterprises');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fenterprises$/);
});

test('state-changing requests need the CSRF token; "sign out everywhere" ends the other browsers too', async ({
  page,
  browser,
}) => {
  await signIn(page, 'demo-viewer');
  // The session cookie alone does not authorise a change.
  const forged = await page.request.post('/api/v1/auth/sign-out-everywhere');
  expect(forged.status()).toBe(403);
  expect(((await forged.json()) as { code: string }).code).toBe('csrf_failed');

  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const second = await other.newPage();
  await startInChinese(second);
  await signIn(second, 'demo-viewer');

  const confirm = page.locator('.ant-modal-confirm .ant-btn-dangerous');
  await expect(async () => {
    if (!(await confirm.isVisible())) {
      await page.keyboard.press('Escape');
      await accountMenu(page, 'sign-out-everywhere');
    }
    await expect(confirm).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 30_000 });
  await confirm.click();
  await expect(page).toHaveURL(/\/sign-in$/);

  // The other browser's next request finds its session gone and lands on the sign-in page.
  await second.goto('/buildings');
  await expect(second).toHaveURL(/\/sign-in\?next=%2Fbuildings$/);
  await other.close();
});
