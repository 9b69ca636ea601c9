/**
 * 供需对接会 in the browser (demo-admin): a conference whose participants are the two sides of a demo
 * docking match, held for the optoelectronics chain; the organiser sees the match (and gap pairs) as
 * suggested requests, sends one, finds it among the requests with its origin, and reads the results
 * by gap — in Chinese and in English.
 */
import type { TMatch } from '../../src/contracts/docking';
import { expect, test } from './fixtures';
import { api, pickOption, startInChinese } from './helpers';

test.beforeEach(async ({ page }) => startInChinese(page));

test('a chain conference suggests meetings from docking matches and gaps; results show the gaps', async ({
  page,
  request,
}) => {
  const session = (await (await request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': session.csrfToken };
  const post = async (url: string, data: unknown, method: 'post' | 'put' = 'post') => {
    const res = await request[method](`/api/v1${url}`, { headers, data });
    expect(res.status(), await res.text()).toBeLessThan(300);
    return res.json();
  };
  const matches = await api<{ items: TMatch[] }>(request, '/docking/matches?limit=50');
  const m = matches.items.find((x) => x.status !== 'declined' && x.supply.postingId !== null) as TMatch;
  expect(m).toBeDefined();
  const ev = await post('/events', {
    name: `光电子产业链对接会E2E${Date.now() % 100000}`,
    kind: 'matchmaking_conference',
    city: '武汉',
  });
  const base = `/events/${ev.id}/conference`;
  for (const [side, role] of [
    [m.demand, 'buyer'],
    [m.supply, 'seller'],
  ] as const)
    await post(`${base}/participants`, {
      organisation: side.enterpriseName,
      enterpriseId: side.enterpriseId,
      person: '张经理',
      role,
    });

  await page.goto(`/events/${ev.id}/matchmaking?tab=docking`);
  await pickOption(page, 'conference-chain', '光电子');
  await expect(page.locator('.ant-message')).toContainText('已保存');
  await expect(page.getByTestId('chain-gaps')).toBeVisible();
  const table = page.getByTestId('suggestions-table');
  const row = table.locator('tr', { hasText: '供需匹配' }).first();
  await expect(row).toContainText(m.supply.enterpriseName);
  await page.screenshot({ path: 'test-results/docking-events-suggestions-zh.png' });
  await row.locator('input[type="checkbox"]').check();
  await page.getByTestId('suggestions-send').click();
  await expect(page.locator('.ant-message')).toContainText('已生成 1 条约见请求');
  await expect(row).toContainText('已有约见');

  const reqs = await api<{ items: { dockingMatchId: number | null }[] }>(request, `${base}/requests`);
  expect(reqs.items.map((r) => r.dockingMatchId)).toEqual([expect.any(Number)]);

  await page.goto(`/events/${ev.id}/matchmaking?tab=results`);
  await expect(page.getByTestId('result-requests')).toContainText('1');
  await expect(page.getByTestId('result-fromDocking')).toContainText('1');
  await page.screenshot({ path: 'test-results/docking-events-results-zh.png', fullPage: true });

  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(page.getByTestId('conference-results')).toContainText('Gaps addressed');
  await page.screenshot({ path: 'test-results/docking-events-results-en.png', fullPage: true });
  await page.goto(`/events/${ev.id}/matchmaking?tab=docking`);
  await expect(page.getByTestId('suggestions-table')).toContainText('Docking match');
  await page.screenshot({ path: 'test-results/docking-events-suggestions-en.png' });
});
