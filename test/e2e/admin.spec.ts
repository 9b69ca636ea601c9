import type { TPark } from '../../src/contracts/registry';
import { expect, signedOut, signIn, test } from './fixtures';
import { findPark, pickOption, startInChinese } from './helpers';

test.beforeEach(async ({ page }) => startInChinese(page));

test('an administrator creates a user, who must change the generated password; both show in the audit log', async ({
  page,
  browser,
}) => {
  test.slow(); // two sessions, a password change and the audit log: over a minute on a busy machine
  const username = `e2e-${Date.now().toString(36)}`;
  await page.goto('/admin/users');
  await expect(page.getByTestId('page-title')).toHaveText('用户');
  await page.getByTestId('new-user').click();
  await page.getByTestId('user-username').fill(username);
  await page.getByTestId('user-display-name').fill('端到端测试用户');
  await pickOption(page, 'user-role', '园区运营方');
  // Typed and confirmed with Enter: the option list may still be arriving when the select opens.
  const org = page.getByTestId('user-organisation');
  await org.click();
  await page.keyboard.type('北港工业园运营');
  await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option').first()).toContainText(
    '北港工业园运营公司',
  );
  await page.keyboard.press('Enter');
  await expect(org).toContainText('北港工业园运营公司');
  await page.getByTestId('user-form').getByRole('button', { name: '新 建' }).click();

  // The generated password is shown once.
  const shown = page.getByTestId('one-time-password');
  await expect(shown).toBeVisible();
  const password = (await shown.innerText()).trim();
  expect(password.length).toBeGreaterThanOrEqual(10);
  await page.getByRole('button', { name: '我已记下' }).click();
  const row = page.getByTestId('user-table').locator('tr', { hasText: username });
  await expect(row).toContainText('园区运营方');
  await expect(row).toContainText('待改密码');

  // The new user signs in and must set a password of their own first.
  const ctx = await browser.newContext(signedOut);
  const other = await ctx.newPage();
  await startInChinese(other);
  await signIn(other, username, password);
  const dialog = other.getByRole('dialog', { name: '请先设置新密码' });
  await expect(dialog).toBeVisible();
  await other.getByTestId('current-password').fill(password);
  await other.getByTestId('new-password').fill('e2e-new-password-1');
  await other.getByTestId('confirm-password').fill('e2e-new-password-1');
  await dialog.getByRole('button', { name: '修改密码' }).click();
  await expect(dialog).toBeHidden();
  await other.goto('/parks');
  await expect(other.getByTestId('page-title')).toHaveText('园区');
  await ctx.close();

  // The audit log, filtered by user (kept in the URL), shows the sign-in and the password change.
  await page.goto('/admin/audit');
  await page.getByTestId('filter-actor').locator('input').fill(username);
  await page.getByTestId('filter-actor').locator('input').press('Enter');
  await expect(page).toHaveURL(new RegExp(`actor=${username}`));
  const rows = page.getByTestId('audit-table').locator('tbody tr.ant-table-row');
  await expect
    .poll(async () => {
      const texts = await rows.allInnerTexts();
      return texts.length > 0 && texts.every((x) => x.includes(username));
    })
    .toBe(true);
  await expect(rows.filter({ has: page.getByTestId('action-sign_in') })).toHaveCount(1);
  await expect(rows.filter({ has: page.getByTestId('action-password_changed') })).toHaveCount(1);
});

test('a change to a park shows in its history and in the audit log: who, when, old → new', async ({
  page,
  request,
}) => {
  const park: TPark = await findPark(request, '光谷生物城');
  const before = park.operator ?? '';
  const after = `E2E 运营 ${Date.now().toString(36)}`;
  await page.goto(`/parks/${park.id}/edit`);
  await page.fill('#park_operator', after);
  await page.getByTestId('submit').click();
  await expect(page).toHaveURL(new RegExp(`/parks/${park.id}$`));

  await page.getByTestId('history-button').click();
  await expect(page).toHaveURL(/history=1/);
  const entry = page.getByTestId('history').getByTestId('history-entry').first();
  await expect(entry).toContainText('demo-admin');
  await expect(entry).toContainText('修改');
  await expect(entry).toContainText('运营主体'); // the field by its label, not its code
  await expect(entry).toContainText(after);
  if (before) await expect(entry).toContainText(before);

  await page.goto(`/admin/audit?entity=parks&entityId=${park.id}`);
  const first = page.getByTestId('audit-table').locator('tbody tr.ant-table-row').first();
  await expect(first).toContainText('demo-admin');
  await expect(first).toContainText(after);
  await expect(page.getByTestId('filter-entity')).toContainText('园区');
});
