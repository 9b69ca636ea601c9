import { expect, test } from './fixtures';
import { pickOption, startInChinese } from './helpers';

test.beforeEach(async ({ page }) => startInChinese(page));

test('drags a project on the board to “signed” and sees the move in its timeline', async ({ page, request }) => {
  // A fresh negotiating project of the administrator, so the test does not depend on the demo's state.
  const session = (await (await request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': session.csrfToken };
  const codeName = `E2E-${Date.now() % 100000}`;
  const created = await request.post('/api/v1/projects', {
    headers,
    data: { codeName, investorName: '端到端测试投资方', stage: 'negotiation', investmentWan: 1234 },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: number };

  await page.goto(`/projects?q=${codeName}`);
  const card = page.getByTestId(`card-${codeName}`);
  await expect(page.getByTestId('column-negotiation').getByTestId(`card-${codeName}`)).toBeVisible();
  // Started is refused without a signing: the card stays where it was.
  await card.dragTo(page.getByTestId('column-started'));
  await expect(page.getByText('未签约的项目不能直接进入开工或投产阶段')).toBeVisible();
  await expect(page.getByTestId('column-negotiation').getByTestId(`card-${codeName}`)).toBeVisible();

  // Signing asks for its date, the kind of agreement and the contracted investment (preset to the plan).
  await card.dragTo(page.getByTestId('column-signed'));
  const dialog = page.getByRole('dialog', { name: '记录签约' });
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('milestone-investment')).toHaveValue('1234');
  await page.getByRole('button', { name: /移动到“签约”/ }).click();
  await expect(dialog.getByText('必填')).toBeVisible();
  await pickOption(page, 'milestone-agreement', '投资协议');
  await page.getByRole('button', { name: /移动到“签约”/ }).click();
  await expect(page.getByTestId('column-signed').getByTestId(`card-${codeName}`)).toBeVisible();
  await expect(page.getByTestId(`card-${codeName}`).getByTestId('agreement-tag')).toHaveText('投资协议');

  await page.getByTestId('column-signed').getByRole('link', { name: codeName }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${id}`));
  const move = page.getByTestId('timeline').getByTestId('timeline-stage').first();
  await expect(move).toContainText('洽谈');
  await expect(move).toContainText('签约');
  await expect(move).toContainText('demo-admin');
  await expect(page.getByTestId('project-agreement')).toHaveText('投资协议');
});

test('losing a project from the keyboard menu asks for the reason', async ({ page, request }) => {
  const session = (await (await request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
  const codeName = `E2E-L${Date.now() % 100000}`;
  const created = await request.post('/api/v1/projects', {
    headers: { 'x-csrf-token': session.csrfToken },
    data: { codeName, investorName: '端到端测试投资方' },
  });
  expect(created.status()).toBe(201);
  await page.goto(`/projects?q=${codeName}`);
  await page.getByTestId(`move-${codeName}`).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('menuitem', { name: '流失' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await page.getByRole('button', { name: /移动到“流失”/ }).click();
  await expect(page.getByText('须填写原因')).toBeVisible();
  await page.getByTestId('reason-input').fill('投资方暂缓扩产');
  await page.getByRole('button', { name: /移动到“流失”/ }).click();
  await expect(page.getByTestId('column-lost').getByTestId(`card-${codeName}`)).toBeVisible();
});

test('attaches a file to a project and downloads it from the documents card', async ({ page, request }) => {
  const session = (await (await request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
  const codeName = `E2E-D${Date.now() % 100000}`;
  const created = await request.post('/api/v1/projects', {
    headers: { 'x-csrf-token': session.csrfToken },
    data: { codeName, investorName: '端到端附件投资方' },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: number };

  await page.goto(`/projects/${id}`);
  const text = '投资意向书 第一稿\n';
  await page
    .getByTestId('document-upload')
    .locator('xpath=ancestor::span[contains(@class, "ant-upload")]//input[@type="file"]')
    .setInputFiles({ name: '投资意向书.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await expect(page.getByText('已上传 投资意向书.txt')).toBeVisible();
  const link = page.getByRole('link', { name: '投资意向书.txt' });
  await expect(link).toBeVisible();
  const href = await link.getAttribute('href');
  const file = await request.get(href as string);
  expect(file.status()).toBe(200);
  expect(await file.text()).toBe(text);
  // the timeline records it
  await expect(page.getByTestId('timeline')).toContainText('投资意向书.txt');
});
