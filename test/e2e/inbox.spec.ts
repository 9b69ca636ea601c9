import { expect, signedOut, signIn, test } from './fixtures';
import { startInChinese } from './helpers';

test.beforeEach(async ({ page }) => startInChinese(page));
test.use(signedOut);
test.slow();

const SHOTS = 'test-results/inbox';

test('the demo firm sees its unread count on the bell and opens a notification, in Chinese and English', async ({
  page,
  adminRequest,
}) => {
  // The butler replies on the demo firm's open request: a fresh notification whatever ran before.
  const { csrfToken } = (await (await adminRequest.get('/api/v1/auth/session')).json()) as { csrfToken: string };
  const tickets = (await (await adminRequest.get('/api/v1/services/tickets?limit=500')).json()) as {
    items: { id: number; title: string }[];
  };
  const ticket = tickets.items.find((x) => x.title.startsWith('高新技术企业资格到期后的重新认定'));
  expect(ticket, 'the demo firm’s open request').toBeTruthy();
  const reply = await adminRequest.post(`/api/v1/services/tickets/${ticket!.id}/messages`, {
    headers: { 'x-csrf-token': csrfToken },
    data: { kind: 'reply', body: '材料清单已发送，请查收。' },
  });
  expect(reply.status(), await reply.text()).toBeLessThan(300);

  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'demo-enterprise');
  const bell = page.getByTestId('inbox-bell');
  await expect(bell).toBeVisible();
  const count = bell.locator('.ant-scroll-number');
  await expect(count).toBeVisible();
  const before = Number((await bell.getAttribute('aria-label'))?.match(/\d+/)?.[0]);
  expect(before).toBeGreaterThanOrEqual(1);

  await bell.click();
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByTestId('page-title')).toHaveText('站内消息');
  const first = page.getByTestId('inbox-item').first();
  await expect(first).toHaveAttribute('data-unread', 'true');
  await expect(first.getByTestId('inbox-item-text')).toContainText('服务管家回复了您的诉求');
  await expect(first.getByTestId('inbox-item-text')).toContainText('高新技术企业资格到期后的重新认定');
  await page.screenshot({ path: `${SHOTS}/inbox-zh.png` });

  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(page.getByTestId('page-title')).toHaveText('Inbox');
  await expect(first.getByTestId('inbox-item-text')).toContainText('The service butler replied to your request');
  await expect(page.getByTestId('inbox-read-all')).toHaveText(/Mark all read/);
  await page.screenshot({ path: `${SHOTS}/inbox-en.png` });

  // Opening it goes to its page and marks it read: the bell counts one fewer.
  await first.getByTestId('inbox-item-text').click();
  await expect(page).toHaveURL(/\/services\/mine$/);
  await expect(bell).toHaveAttribute('aria-label', before - 1 > 0 ? new RegExp(`${before - 1}`) : /^Inbox$/);
  await bell.click();
  await expect(page.getByTestId('inbox-item').first()).toHaveAttribute('data-unread', 'false');
  await page.getByTestId('lang-switch').getByText('中文').click();
});
