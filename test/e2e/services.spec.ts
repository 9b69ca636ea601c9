/** Enterprise services (issue 15): the firm's service page, the butler queue with SLA clocks, the policy editor. */
import { expect, signedOut, signIn, test } from './fixtures';
import { pickOption, startInChinese } from './helpers';

test.describe('a firm’s service page', () => {
  test.use(signedOut);

  test('shows its requests, the policy it nearly qualifies for with the failing condition, and opens a new request', async ({
    page,
  }) => {
    await startInChinese(page);
    await signIn(page, 'demo-enterprise');
    await page.getByTestId('nav-services-mine').click();
    await expect(page.getByTestId('page-title')).toHaveText('我的企业服务');
    await expect(page.getByTestId('my-tickets').locator('tr.ant-table-row')).toHaveCount(3);
    await expect(page.getByTestId('my-tickets').getByTestId('synthetic-badge').first()).toBeVisible();

    await page.getByRole('tab', { name: '可享政策' }).click();
    const near = page.getByTestId('policy-demo-lkg-hightech-award');
    await expect(near).toContainText('差一项');
    // The condition in words: the field, the required district and the firm's own, by their names.
    await expect(near.getByTestId('failing-condition')).toContainText('所在区');
    await expect(near.getByTestId('failing-condition')).toContainText('属于东西湖区');
    await expect(near.getByTestId('failing-condition')).toContainText('洪山区');
    await expect(near.getByTestId('failing-condition')).not.toContainText('region_code');

    await page.getByRole('tab', { name: '我的诉求' }).click();
    await page.getByTestId('new-request').click();
    await pickOption(page, 'category-select', '数字化转型');
    await page.getByTestId('request-title').fill('申请数字化诊断');
    await page.getByTestId('submit-request').click();
    const drawer = page.getByTestId('ticket-drawer');
    await expect(drawer).toContainText('申请数字化诊断');
    await expect(drawer.getByTestId('drawer-sla-first')).toContainText('计时中');
    // The firm has no internal-note button.
    await expect(drawer.getByTestId('send-note')).toHaveCount(0);

    // A file of a refused type is stopped before it is sent; a PDF goes with a reply and comes back as a link.
    const input = drawer.locator('input[type=file]');
    await input.setInputFiles({ name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
    await expect(page.locator('.ant-message')).toContainText('setup.exe 的类型不支持');
    await input.setInputFiles({
      name: '营业执照.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 e2e'),
    });
    await drawer.getByTestId('send-reply').click();
    const link = drawer.locator('[data-testid^="ticket-file-"]');
    await expect(link).toContainText('营业执照.pdf');
    const res = await page.request.get((await link.getAttribute('href')) as string);
    expect(res.status()).toBe(200);
    expect((await res.body()).toString()).toBe('%PDF-1.4 e2e');
  });
});

test('the butler queue shows SLA clocks and opens a ticket with reply and internal-note actions', async ({ page }) => {
  await startInChinese(page);
  await page.goto('/services/queue?status=all');
  await expect(page.getByTestId('queue-table')).toBeVisible();
  await expect(page.getByTestId('sla-first').first()).toBeVisible();
  await page.getByTestId('open-ticket').first().click();
  const drawer = page.getByTestId('ticket-drawer');
  await expect(drawer).toBeVisible();
  await expect(drawer.getByTestId('send-note')).toBeVisible();
});

test('the butler adds a link to a reply and a file to an internal note and sees both on the message itself', async ({
  page,
}) => {
  await startInChinese(page);
  await page.goto('/services/queue?status=open');
  await page.getByTestId('open-ticket').first().click();
  const drawer = page.getByTestId('ticket-drawer');
  const title = await drawer.locator('.ant-drawer-title').textContent();
  // A reply with a link (name + address) from the form; an address that is not http(s) is refused first.
  await drawer.locator('textarea').fill('政策原文见链接');
  await drawer.getByTestId('add-link').click();
  await drawer.getByTestId('link-name').fill('政策原文（示例）');
  await drawer.getByTestId('link-url').fill('example.org/policy.pdf');
  await drawer.getByTestId('link-add').click();
  await expect(page.getByText('链接须以 http:// 或 https:// 开头')).toBeVisible();
  await expect(drawer.getByTestId('pending-link')).toHaveCount(0);
  await drawer.getByTestId('link-url').fill('https://example.org/policy.pdf');
  await drawer.getByTestId('link-add').click();
  await expect(drawer.getByTestId('pending-link')).toContainText('政策原文（示例）');
  await drawer.getByTestId('send-reply').click();
  const reply = drawer.getByTestId('message-reply').filter({ hasText: '政策原文见链接' });
  await expect(reply.getByTestId('ticket-link')).toHaveAttribute('href', 'https://example.org/policy.pdf');
  await expect(reply.getByTestId('ticket-link')).toContainText('政策原文（示例）');
  await expect(drawer.getByTestId('pending-link')).toHaveCount(0);

  await expect(drawer.getByTestId('attach-file')).toBeVisible();
  await drawer.locator('input[type=file]').setInputFiles({
    name: '走访纪要.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('内部纪要 e2e'),
  });
  await drawer.locator('textarea').fill('内部备注：附走访纪要');
  await drawer.getByTestId('send-note').click();
  const note = drawer.getByTestId('message-note').filter({ hasText: '内部备注：附走访纪要' });
  const file = note.locator('[data-testid^="ticket-file-"]');
  await expect(file).toContainText('走访纪要.txt');
  const res = await page.request.get((await file.getAttribute('href')) as string);
  expect(res.status()).toBe(200);
  expect((await res.body()).toString()).toBe('内部纪要 e2e');
  await page.screenshot({ path: 'test-results/services/ticket-files-zh.png' });
  // The same ticket in English (the drawer covers the header: close it, switch, open it again).
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await page.getByTestId('lang-switch').getByText('English').click();
  const name = (title ?? '').replace(/^#\d+\s*/, '');
  await page.getByRole('row').filter({ hasText: name }).first().getByTestId('open-ticket').click();
  await expect(drawer.locator('.ant-drawer-title')).toHaveText(title ?? '');
  await expect(drawer.getByTestId('message-note').filter({ hasText: '内部备注：附走访纪要' })).toContainText(
    '走访纪要.txt',
  );
  await page.screenshot({ path: 'test-results/services/ticket-files-en.png' });
  await page.keyboard.press('Escape');
  await page.getByTestId('lang-switch').getByText('中文').click();
});

test.describe('in a browser set to New York time', () => {
  test.use({ timezoneId: 'America/New_York' });

  test('the ticket shows its SLA deadline in Beijing time and names the zone', async ({ page }) => {
    await startInChinese(page);
    await page.goto('/services/queue?status=all');
    await expect(page.getByTestId('services-queue')).toContainText('首次响应（北京时间）');
    await page.getByTestId('open-ticket').first().click();
    const drawer = page.getByTestId('ticket-drawer');
    const title = await drawer.locator('.ant-drawer-title').textContent();
    const id = Number(/#(\d+)/.exec(title ?? '')?.[1]);
    const tk = await (await page.request.get(`/api/v1/services/tickets/${id}`)).json();
    const beijing = new Date(tk.sla.firstResponse.dueAt).toLocaleString('zh-CN', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    await expect(drawer.getByTestId('drawer-sla-first-due')).toHaveText(`${beijing} 北京时间`);
  });
});

test('the policy editor refuses a value of the wrong type, naming the condition, and test-runs a good one', async ({
  page,
}) => {
  await startInChinese(page);
  await page.goto('/services/policies');
  await expect(page.getByTestId('policy-card-miit-2026-2-specialized-sme')).toContainText('工信部企业〔2026〕2号');
  await page.getByTestId('new-policy').click();
  const editor = page.getByTestId('policy-editor');
  await editor.getByTestId('policy-code').fill('e2e-policy');
  await editor.getByTestId('policy-title').fill('端到端测试政策');
  await editor.getByTestId('policy-issuer').fill('测试');
  // Both picks are verified and retried (clicks in antd's animated dropdowns were lost twice on a loaded CI machine).
  await pickOption(page, editor.getByTestId('condition-field'), '成立年限', { type: '成立年限' });
  await pickOption(page, editor.getByTestId('condition-op'), '≥');
  await editor.getByTestId('condition-value').fill('三年');
  await editor.getByTestId('condition-citation').fill('测试第一条');
  await editor.getByTestId('test-run').click();
  await expect(editor.getByTestId('policy-errors')).toContainText('conditions.0.value');
  await expect(editor.getByTestId('policy-errors')).toContainText('条件值类型不符');
  await editor.getByTestId('condition-value').fill('3');
  await editor.getByTestId('test-run').click();
  await expect(editor.getByTestId('test-result')).toContainText('家企业中');
});

test('the service dashboard reads in English', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('parklink.lang', 'en-US'));
  await page.goto('/services/dashboard');
  await expect(page.getByTestId('page-title')).toHaveText('Service dashboard');
  await expect(page.getByTestId('by-system')).toContainText('Technology');
  await expect(page.getByTestId('retention')).toBeVisible();
});

test('planning a visit warns of another agency’s visit in the quiet period and offers to join it', async ({ page }) => {
  await startInChinese(page);
  await page.goto('/services/visits');
  await expect(page.getByTestId('visits-table')).toContainText('精臣科技');
  await expect(page.getByTestId('visits-table').locator('tr', { hasText: '2026-12-15' })).not.toContainText(
    '经济和信息化局',
  );
  await page.getByTestId('plan-visit').click();
  await pickOption(page, 'visit-firm', '精臣科技', { type: '精臣' });
  await page.getByTestId('visit-date').fill('2026-12-10');
  await page.keyboard.press('Enter');
  await page.getByTestId('submit-visit').click();
  const warning = page.getByTestId('visit-conflict');
  await expect(warning).toContainText('静默期');
  await expect(warning).toContainText('招商回访');
  await warning.getByRole('button', { name: '一同前往' }).click();
  await expect(warning).toHaveCount(0);
  // The agency's planned visit now lists the bureau as a co-visitor (it named only the agency before).
  const row = page.getByTestId('visits-table').locator('tr', { hasText: '2026-12-15' });
  await expect(row).toContainText('武汉市投资促进中心');
  await expect(row).toContainText('武汉市经济和信息化局');
});

test('the SLA settings take a 2027 holiday the package lacks and refuse a negative target, naming the field', async ({
  page,
}) => {
  await startInChinese(page);
  await page.goto('/services/settings');
  await page.getByTestId('sla-first').fill('-5');
  await page.getByTestId('sla-save').click();
  await expect(page.getByTestId('settings-errors')).toContainText('首次响应（工作分钟）'); // the field by its label
  await page.getByRole('tab', { name: '工作日历' }).click();
  await expect(page.getByTestId('calendar-uncovered')).toContainText('2027');
  await page.getByTestId('calendar-day').fill('2027-02-08');
  await page.getByTestId('calendar-note').fill('春节');
  await page.getByTestId('calendar-save').click();
  await expect(page.getByTestId('calendar-overrides')).toContainText('2027-02-08');
});
