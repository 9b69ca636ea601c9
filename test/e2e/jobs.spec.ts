import { expect, signedOut, signIn, test } from './fixtures';
import { startInChinese } from './helpers';

test.beforeEach(async ({ page }) => startInChinese(page));
// Signing in as others and loading the job page twice: more than the default minute on a busy machine.
test.slow();

test('the job list shows a completed and a refused job, in Chinese and English', async ({ page, request }) => {
  // A completed job (today's figure snapshot) and one refused for its input (a file that is no workbook).
  const session = (await (await request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': session.csrfToken };
  const snap = await request.post('/api/v1/cockpit/snapshots', { data: {}, headers });
  expect(snap.status(), await snap.text()).toBe(200);
  const run = String(Date.now());
  const bad = await request.post('/api/v1/imports', {
    headers,
    multipart: {
      file: { name: `坏文件-${run}.xlsx`, mimeType: 'application/octet-stream', buffer: Buffer.from('not a workbook') },
    },
  });
  expect(bad.status(), await bad.text()).toBe(422);

  await page.goto('/');
  await page.getByTestId('nav-jobs').click();
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(page.getByTestId('page-title')).toHaveText('后台任务');
  const table = page.getByTestId('jobs-table');
  const snapRow = table.locator('tr', { hasText: '指标快照' }).first();
  await expect(snapRow.getByTestId('job-state')).toHaveText('已完成');
  await expect(snapRow).toContainText('demo-admin');
  await expect(snapRow.locator('.ant-progress')).toBeVisible();
  const badRow = table.locator('tr', { hasText: `坏文件-${run}.xlsx` });
  await expect(badRow.getByTestId('job-kind')).toHaveText('导入校验');
  await expect(badRow.getByTestId('job-state')).toHaveText('失败');
  await expect(badRow.getByTestId('job-problem')).toContainText('Excel');
  // Refused for its input: a retry would be refused again, so none is offered.
  await expect(badRow.getByTestId('job-retry')).toHaveCount(0);

  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(page.getByTestId('page-title')).toHaveText('Background jobs');
  await expect(table.locator('tr', { hasText: `坏文件-${run}.xlsx` }).getByTestId('job-state')).toHaveText('Failed');
  await expect(table.locator('tr', { hasText: 'Figure snapshot' }).first().getByTestId('job-state')).toHaveText(
    'Completed',
  );
  await expect(table.locator('tr', { hasText: `坏文件-${run}.xlsx` }).getByTestId('job-problem')).toContainText(
    'workbook',
  );
  await page.getByTestId('lang-switch').getByText('中文').click();
});

test.describe('a role without jobs', () => {
  test.use(signedOut);
  test('the public viewer has no job menu entry, and the page refuses it', async ({ page }) => {
    await signIn(page, 'demo-viewer');
    await expect(page.getByTestId('nav')).toBeVisible();
    await expect(page.getByTestId('nav-jobs')).toHaveCount(0);
    await page.goto('/jobs');
    await expect(page.getByTestId('forbidden')).toBeVisible();
  });

  test('an officer sees its own jobs only, without the everyone / mine switch', async ({ page }) => {
    await signIn(page, 'demo-officer');
    await page.getByTestId('nav-jobs').click();
    await expect(page.getByTestId('page-title')).toHaveText('后台任务');
    await expect(page.getByTestId('jobs-table').or(page.getByTestId('empty'))).toBeVisible();
    await expect(page.getByRole('cell', { name: 'demo-admin' })).toHaveCount(0);
    await expect(page.getByTestId('jobs-mine')).toHaveCount(0);
  });
});
