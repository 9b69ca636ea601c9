/**
 * Every date and time the app shows is Beijing time, whatever the browser's zone: a browser in New York
 * reads the inbox (a page outside services) in Beijing time, and the firm's service page lists its
 * service notifications — the platform inbox's services part — the same way.
 */
import { expect, signedOut, signIn, test } from './fixtures';
import { startInChinese } from './helpers';

test.beforeEach(async ({ page }) => startInChinese(page));
test.use({ ...signedOut, timezoneId: 'America/New_York' });
test.slow();

const SHOTS = 'test-results/time-zone';
const at = (iso: string, timeZone: string) =>
  new Date(iso).toLocaleString('zh-CN', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });

test('a browser in New York reads the inbox and the service notifications in Beijing time', async ({
  page,
  adminRequest,
}) => {
  // A fresh notification for the demo firm: the butler replies on its open request.
  const { csrfToken } = (await (await adminRequest.get('/api/v1/auth/session')).json()) as { csrfToken: string };
  const tickets = (await (await adminRequest.get('/api/v1/services/tickets?limit=500')).json()) as {
    items: { id: number; title: string }[];
  };
  const ticket = tickets.items.find((x) => x.title.startsWith('高新技术企业资格到期后的重新认定'));
  expect(ticket, 'the demo firm’s open request').toBeTruthy();
  const reply = await adminRequest.post(`/api/v1/services/tickets/${ticket!.id}/messages`, {
    headers: { 'x-csrf-token': csrfToken },
    data: { kind: 'reply', body: '已收到，正在办理。' },
  });
  expect(reply.status(), await reply.text()).toBeLessThan(300);

  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'demo-enterprise');
  expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York');
  const newest = (
    (await (await page.request.get('/api/v1/inbox?limit=1')).json()) as { items: { createdAt: string }[] }
  ).items[0]!;
  const beijing = at(newest.createdAt, 'Asia/Shanghai');
  const newYork = at(newest.createdAt, 'America/New_York');
  expect(beijing).not.toBe(newYork);

  await page.goto('/inbox');
  const first = page.getByTestId('inbox-item').first();
  await expect(first).toContainText(beijing);
  await expect(first).not.toContainText(newYork);
  await page.screenshot({ path: `${SHOTS}/inbox-new-york-zh.png` });

  // The firm's service page: its service notifications come from the same inbox, in Beijing time too.
  await page.goto('/services/mine');
  await page.getByRole('tab', { name: '消息' }).click();
  const item = page.getByTestId('services-inbox-item').first();
  await expect(item).toContainText('服务管家回复了您的诉求');
  await expect(item).toContainText(beijing);
  await page.screenshot({ path: `${SHOTS}/services-inbox-zh.png` });
  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(item).toContainText('The service butler replied to your request');
  await page.screenshot({ path: `${SHOTS}/services-inbox-en.png` });
  await page.getByTestId('lang-switch').getByText('中文').click();
});
