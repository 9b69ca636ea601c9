/**
 * Defects a park bureau tripped on (issue 11): what a page says must agree with itself and with the
 * data, and no page may throw or paint half-laid-out.
 */
import { expect as baseExpect, signedOut, signIn, test } from './fixtures';
import { findBuilding, findPark, pickOption, startInChinese } from './helpers';

// Several of these pages compute on load (chain comparison, district statistics): allow for a busy machine.
const expect = baseExpect.configure({ timeout: 30_000 });

test.beforeEach(async ({ page }) => startInChinese(page));

test.describe('as the park operator', () => {
  test.use(signedOut);

  test('editing 北港工业园 names its parent park even though it is outside the operator’s list', async ({
    page,
    adminRequest,
  }) => {
    const beigang = await findPark(adminRequest, '北港工业园');
    expect(beigang.parentName, '北港工业园 sits in a development zone').toBeTruthy();
    await signIn(page, 'demo-operator', undefined, `/parks/${beigang.id}/edit`);
    await expect(page.locator('.field-parentId .ant-select')).toContainText(beigang.parentName ?? '');
  });
});

test('北港工业园 counts the buildings its tab lists, and a building names its source once', async ({
  page,
  request,
}) => {
  const beigang = await findPark(request, '北港工业园');
  await page.goto(`/parks/${beigang.id}`);
  const tab = page.getByRole('tab', { name: /楼宇/ });
  await expect(tab).toHaveText(/楼宇\s*\(\d+\)/);
  const listed = Number((await tab.textContent())?.match(/\((\d+)\)/)?.[1]);
  expect(listed).toBeGreaterThan(0);
  const counts = page.locator('.ant-descriptions-item-content').filter({ hasText: /^\d+ \/ \d+$/ });
  await expect(counts.first()).toHaveText(new RegExp(`^${listed} / \\d+$`));

  const tianhui = await findBuilding(request, '天辉');
  await page.goto(`/buildings/${tianhui.id}`);
  const source = page.getByTestId('provenance').first();
  await expect(source).toBeVisible();
  await expect(source).not.toContainText('来源');
});

test("the home page leads with the city's figures; the synthetic share is stated on the sources page and in the map note", async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('stat-parks')).toBeVisible();
  await expect(page.getByTestId('stat-chains').locator('.ant-statistic-content')).toHaveText(/^\d+$/);
  await expect(page.getByTestId('stat-programme').locator('.ant-statistic-content')).toHaveText(/\d+(\.\d)?\s*%/);
  await expect(page.getByTestId('stat-synthetic')).toHaveCount(0);
  const share = (await page.getByTestId('map-provenance').textContent())?.match(/([\d.]+)%/)?.[1];
  expect(share).toBeTruthy();
  await page.goto('/sources');
  await expect(page.getByTestId('sources-synthetic-share')).toContainText(`${share}%`);
});

test('the compare page asks for scope B without showing B as 全市', async ({ page }) => {
  await page.goto('/chains/compare?code=oe');
  await expect(page.getByText('请选择范围 B，与范围 A 对比')).toBeVisible();
  await expect(page.getByTestId('scope-a-kind')).toContainText('全市');
  await expect(page.getByTestId('scope-b-kind')).not.toContainText('全市');
  // Picking 全市 for B is a choice like any other: the comparison appears.
  await pickOption(page, 'scope-b-kind', '全市');
  await expect(page).toHaveURL(/b=city/);
  await expect(page.getByTestId('compare-score-b')).toBeVisible({ timeout: 30_000 });
});

test('submitting the 流失 dialog empty shows the missing reason and throws nothing', async ({ page, request }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const session = (await (await request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
  const codeName = `E2E-X${Date.now() % 100000}`;
  const created = await request.post('/api/v1/projects', {
    headers: { 'x-csrf-token': session.csrfToken },
    data: { codeName, investorName: '端到端测试投资方' },
  });
  expect(created.status()).toBe(201);
  await page.goto(`/projects?q=${codeName}`);
  await page.getByTestId(`move-${codeName}`).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('menuitem', { name: '流失' }).click();
  await page.getByRole('button', { name: /移动到“流失”/ }).click();
  await expect(page.getByText('须填写原因')).toBeVisible();
  await page.waitForTimeout(300); // let a rejected promise surface, if any
  expect(errors).toEqual([]);
});

test.describe('signed out', () => {
  test.use(signedOut);

  test('the sign-in page’s first paint centres its spinner', async ({ page }) => {
    // Hold back the sign-in page's code so the loading state stays on screen long enough to look at.
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      release = r;
    });
    await page.route(/SignInPage[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/sign-in', { waitUntil: 'commit' });
    const spinner = page.getByTestId('page-spinner').locator('.ant-spin');
    await expect(spinner).toBeVisible();
    const box = await spinner.boundingBox();
    const width = page.viewportSize()?.width ?? 0;
    expect(box).not.toBeNull();
    if (box) expect(Math.abs(box.x + box.width / 2 - width / 2)).toBeLessThan(40);
    release();
    await expect(page.getByTestId('username')).toBeVisible();
  });
});

test('a refused participant import lists each problem by row, column and value, with roles as labels', async ({
  page,
  request,
}) => {
  const events = (await (await request.get('/api/v1/events?limit=100')).json()) as {
    items: { id: number; name: string }[];
  };
  const id = events.items.find((e) => e.name.includes('武汉—苏州'))?.id;
  expect(id).toBeTruthy();
  await page.goto(`/events/${id}/matchmaking`);
  await page.getByRole('tab', { name: '参会者' }).click();
  await page
    .getByTestId('import-participants')
    .locator('xpath=ancestor::span[contains(@class, "ant-upload")]//input[@type="file"]')
    .setInputFiles({
      name: 'participants.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('单位,代表,角色\n导入测试单位,赵一,嘉宾\n'),
    });
  await page.getByTestId('import-participants-commit').click();
  const report = page.getByTestId('import-participants-report');
  await expect(report).toBeVisible();
  const problem = report.getByTestId('problem-participants-2-C');
  await expect(problem).toHaveText('不是允许的取值：应为 采购方、供应方、投资方、园区 之一');
  const row = report.locator('tr', { has: page.getByTestId('problem-participants-2-C') });
  await expect(row).toContainText('角色');
  await expect(row).toContainText('嘉宾');
  await expect(report).not.toContainText('buyer');
});

test('a printed agenda marks demo counterparts and keeps names whole', async ({ page, request }) => {
  const events = (await (await request.get('/api/v1/events?limit=100')).json()) as {
    items: { id: number; name: string }[];
  };
  const id = events.items.find((e) => e.name.includes('武汉—苏州'))?.id;
  const agendas = (await (await request.get(`/api/v1/events/${id}/conference/agendas`)).json()).items as {
    participant: { id: number };
    items: { counterpartOrganisation: string; counterpartSynthetic: boolean }[];
  }[];
  // A demo counterpart whose invented name does not say so itself (苏州通安光通信有限公司, say).
  const unmarked = (i: { counterpartOrganisation: string; counterpartSynthetic: boolean }) =>
    i.counterpartSynthetic && !i.counterpartOrganisation.endsWith('（示例）');
  const withDemo = agendas.find((a) => a.items.some(unmarked));
  expect(withDemo, 'an agenda meeting a demo participant').toBeTruthy();
  const demo = withDemo?.items.find(unmarked);
  await page.goto(`/print/events/${id}/agendas?participant=${withDemo?.participant.id}`);
  const item = page
    .getByTestId('agenda-item')
    .filter({ hasText: demo?.counterpartOrganisation ?? '' })
    .first();
  await expect(item).toContainText(`${demo?.counterpartOrganisation}（示例）`);
  await page.emulateMedia({ media: 'print' });
  // A person's name never wraps inside itself: each name is one line box.
  const names = page.locator('.agenda-name');
  for (const el of await names.all()) {
    const lines = await el.evaluate((n) => n.getClientRects().length);
    expect(lines).toBe(1);
  }
});
