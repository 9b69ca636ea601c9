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
  // The result by kind, not just 已完成: how many figures the snapshot recorded.
  await expect(snapRow.getByTestId('job-outcome')).toHaveText(/^已记录 [\d,]+ 项指标$/);
  await page.screenshot({ path: 'test-results/jobs-zh.png' });
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
  await expect(table.locator('tr', { hasText: 'Figure snapshot' }).first().getByTestId('job-outcome')).toHaveText(
    /^[\d,]+ figures? recorded$/,
  );
  await page.screenshot({ path: 'test-results/jobs-en.png' });
  await page.getByTestId('lang-switch').getByText('中文').click();
});

test('a consolidation plan job shows its containers, orders placed and gap, and opens the hub’s plan', async ({
  page,
  request,
}) => {
  const session = (await (await request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
  const hubs = (await (await request.get('/api/v1/consolidation/hubs')).json()) as { items: { id: number }[] };
  const hub = hubs.items[0]!.id;
  const planned = await request.post(`/api/v1/consolidation/hubs/${hub}/plan`, {
    headers: { 'x-csrf-token': session.csrfToken },
  });
  expect(planned.status(), await planned.text()).toBe(200);
  const plan = (await planned.json()) as {
    id: number;
    containers: number;
    unplaced: unknown[];
    departures: { containers: { parts: { orderId: number }[] }[] }[];
  };
  const placed = new Set(plan.departures.flatMap((d) => d.containers.flatMap((c) => c.parts.map((p) => p.orderId))))
    .size;

  await page.goto('/jobs');
  const row = page.getByTestId('jobs-table').locator('tr', { hasText: '集拼排箱' }).first();
  await expect(row.getByTestId('job-state')).toHaveText('已完成');
  // the newest plan job is this one: its counts are the plan's
  await expect(row.getByTestId('job-outcome')).toContainText(
    new RegExp(`^排箱 ${plan.containers} 箱，装入 ${placed} 单，无法装入 ${plan.unplaced.length} 单，距下界 [\\d.]+%`),
  );
  await page.screenshot({ path: 'test-results/jobs-plan-zh.png' });
  await page.getByTestId('lang-switch').getByText('English').click();
  const enRow = page.getByTestId('jobs-table').locator('tr', { hasText: 'Consolidation planning' }).first();
  await expect(enRow.getByTestId('job-outcome')).toContainText(
    new RegExp(`^Containers: ${plan.containers}; orders placed: ${placed}; unplaceable: ${plan.unplaced.length};`),
  );
  await page.screenshot({ path: 'test-results/jobs-plan-en.png' });
  await enRow.getByTestId('job-open').click();
  await expect(page).toHaveURL(new RegExp(`/consolidation\\?hub=${hub}&tab=plan$`));
  await expect(page.getByTestId('plan')).toContainText(`#${plan.id}`);
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
