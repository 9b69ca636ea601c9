/**
 * Menus and pages follow the server's permission matrix (GET /api/v1/permissions): those the API
 * refuses projects and chain maintenance see neither, and a direct address answers 403 in the page
 * without the page firing refused requests.
 */
import { expect, signedOut, signIn, test } from './fixtures';
import { startInChinese } from './helpers';

test.use(signedOut);
test.beforeEach(async ({ page }) => startInChinese(page));

for (const username of ['demo-viewer', 'demo-enterprise']) {
  test(`${username} sees no 招商项目 board and no 链图维护, and their pages fire no refused request`, async ({
    page,
  }) => {
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 403) refused.push(r.url());
    });
    await signIn(page, username);
    await expect(page.getByTestId('nav')).toContainText('产业链');
    await expect(page.getByTestId('nav')).not.toContainText('招商项目');
    await expect(page.getByTestId('nav')).not.toContainText('链图维护');
    for (const path of ['/projects', '/chain-admin/templates', '/chain-admin/mappings', '/invest/dashboard']) {
      await page.goto(path);
      await expect(page.getByTestId('forbidden')).toBeVisible();
    }
    expect(refused).toEqual([]);
  });
}

test('an investment officer has the 招商项目 board', async ({ page }) => {
  await signIn(page, 'demo-officer');
  await expect(page.getByTestId('nav')).toContainText('招商项目');
  await expect(page.getByTestId('nav')).not.toContainText('链图维护');
  await page.goto('/projects');
  await expect(page.getByTestId('page-title')).toBeVisible();
  await expect(page.getByTestId('forbidden')).toHaveCount(0);
});

test('the logistics hub operator runs its hub: 中欧班列集拼 with its orders board, no projects or chain maintenance', async ({
  page,
}) => {
  const refused: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 403) refused.push(r.url());
  });
  await signIn(page, 'demo-hub');
  await expect(page.getByTestId('nav-consolidation')).toBeVisible();
  await expect(page.getByTestId('nav')).not.toContainText('招商项目');
  await expect(page.getByTestId('nav')).not.toContainText('链图维护');
  await page.goto('/consolidation');
  await expect(page.getByTestId('orders-board')).toContainText('节日装饰彩球', { timeout: 30_000 });
  await page.getByRole('tab', { name: '排箱计划' }).click();
  await expect(page.getByTestId('run-plan')).toBeVisible();
  for (const path of ['/projects', '/chain-admin/templates']) {
    await page.goto(path);
    await expect(page.getByTestId('forbidden')).toBeVisible();
  }
  expect(refused).toEqual([]);
});

test('a park operator has 链图维护 for the firms of its parks', async ({ page }) => {
  await signIn(page, 'demo-operator');
  await expect(page.getByTestId('nav')).toContainText('链图维护');
});
