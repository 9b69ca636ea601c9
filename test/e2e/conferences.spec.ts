import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { pickOption, startInChinese } from './helpers';

test.beforeEach(async ({ page }) => startInChinese(page));

/** Creates the conference through the events page and opens its matchmaking page. */
async function createConference(page: Page, name: string): Promise<number> {
  await page.goto('/events');
  await page.getByTestId('new-event').click();
  await page.getByTestId('event-name').fill(name);
  await page.getByTestId('event-city').fill('苏州');
  await page.getByTestId('new-event-submit').click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await page.getByTestId('matchmaking-link').click();
  await expect(page).toHaveURL(/\/events\/\d+\/matchmaking/);
  return Number(/\/events\/(\d+)\//.exec(page.url())?.[1]);
}

/** Picks from a searchable antd Select by typing, so a closing dropdown of the previous pick cannot catch the click. */
async function searchPick(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text });
  await expect(option).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
}

async function addParticipant(page: Page, organisation: string, person: string, role: string) {
  await page.getByTestId('add-participant').click();
  await page.getByTestId('participant-organisation').fill(organisation);
  await page.getByTestId('participant-person').fill(person);
  await pickOption(page, 'participant-role', role);
  await page.getByTestId('participant-submit').click();
  await expect(page.getByTestId('participants-table')).toContainText(organisation);
}

async function newRequest(page: Page, from: string, to: string, accepted: boolean) {
  await page.getByTestId('new-request').click();
  await searchPick(page, 'request-from', from);
  await searchPick(page, 'request-to', to);
  if (accepted) await page.getByTestId('request-accepted').check();
  await page.getByTestId('request-submit').click();
  await expect(page.locator('.ant-modal:visible')).toHaveCount(0);
}

test('an organiser sets up a conference, schedules accepted requests and opens one agenda', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000); // many dialogs on a machine shared with other runs
  const stamp = Date.now();
  const id = await createConference(page, `端到端对接会 ${stamp}`);
  await expect(page.getByTestId('matchmaking-page')).toBeVisible();
  await page.getByRole('tab', { name: '设置' }).click();

  // The slot length advertises the API's own limits (15–60 minutes, from the contract's schema).
  await expect(page.locator('.field-slotMinutes input')).toHaveAttribute('aria-valuemin', '15');
  await expect(page.locator('.field-slotMinutes input')).toHaveAttribute('aria-valuemax', '60');
  await page.locator('.field-slotMinutes input').fill('20');
  // The venue and where the tables stand, printed on every agenda.
  await page.getByTestId('venue').fill('光谷会展中心 3 层');
  await page.getByTestId('add-table-area').click();
  await page.getByTestId('table-areas').locator('input').last().fill('A 区（近主舞台）');
  await page.getByTestId('save-settings').click();
  await expect(page.getByText('设置已保存')).toBeVisible();

  await page.getByRole('tab', { name: '参会者' }).click();
  await addParticipant(page, `光谷园区${stamp}`, '张磊', '园区');
  await addParticipant(page, `苏州精密${stamp}`, '李敏', '供应方');
  await addParticipant(page, `姑苏基金${stamp}`, '王静', '投资方');

  await page.getByRole('tab', { name: '约见请求' }).click();
  await newRequest(page, `苏州精密${stamp}`, `光谷园区${stamp}`, true);
  await newRequest(page, `光谷园区${stamp}`, `姑苏基金${stamp}`, false);
  // The invitee's side accepts the pending request.
  const pending = page.locator('[data-testid^="accept-"]');
  await expect(pending).toHaveCount(1);
  await pending.click();
  await expect(page.locator('[data-status="accepted"]')).toHaveCount(2);

  await page.getByRole('tab', { name: '日程排布' }).click();
  await page.getByTestId('run-scheduler').click();
  await expect(page.getByTestId('run-summary')).toContainText('2 / 2');
  await expect(page.getByTestId('schedule-grid').locator('[data-testid^="meeting-"]')).toHaveCount(2);
  await expect(page.getByTestId('unscheduled')).toContainText('所有已接受的约见都已排入');

  // A hand move that puts the park in two meetings at once is refused with the reason.
  const schedule = (await (await request.get(`/api/v1/events/${id}/conference/schedule`)).json()) as {
    slots: { id: string; date: string; start: string; end: string }[];
    meetings: { id: number; slotId: string; fromOrganisation: string; toOrganisation: string }[];
  };
  const [a, b] = schedule.meetings;
  const busy = schedule.slots.find((s) => s.id === b?.slotId);
  await page.getByTestId(`meeting-${a?.id}`).click();
  await pickOption(page, 'move-slot', `${busy?.date.slice(5)} ${busy?.start}`);
  await page.getByTestId('move-submit').click();
  await expect(page.getByTestId('move-error')).toContainText('已有会谈');
  await page.keyboard.press('Escape');

  // Published, then one meeting moved by hand: the schedule says the agendas are out of date until re-published.
  await page.getByTestId('publish').click();
  await expect(page.getByRole('button', { name: '撤回发布' })).toBeVisible();
  const free = schedule.slots.find((s) => s.id !== a?.slotId && s.id !== b?.slotId);
  await page.getByTestId(`meeting-${a?.id}`).click();
  await pickOption(page, 'move-slot', `${free?.date.slice(5)} ${free?.start}`);
  await page.getByTestId('move-submit').click();
  await expect(page.getByTestId('changed-since-published')).toContainText('1 场会谈');
  await expect(page.getByTestId(`meeting-${a?.id}`)).toHaveClass(/changed/);
  await page.getByTestId('republish').click();
  await expect(page.getByTestId('changed-since-published')).toHaveCount(0);

  await page.getByRole('tab', { name: '个人日程' }).click();
  await searchPick(page, 'agenda-participant', `光谷园区${stamp}`);
  await expect(page).toHaveURL(/participant=\d+/);
  const agenda = page.getByTestId('agenda');
  await expect(agenda).toContainText(`苏州精密${stamp}`);
  await expect(agenda).toContainText(`姑苏基金${stamp}`);
  await expect(agenda.getByTestId('agenda-item')).toHaveCount(2);
  await expect(agenda.locator('img')).toBeVisible();

  // The printable page shows the same agenda without the menu.
  const participantId = new URL(page.url()).searchParams.get('participant');
  await page.goto(`/print/events/${id}/agendas?participant=${participantId}`);
  await expect(page.getByTestId('print-button')).toContainText('打印 / 存为 PDF');
  await expect(page.getByTestId('agenda-item')).toHaveCount(2);
  await expect(page.getByTestId('agenda-venue')).toContainText('会场：光谷会展中心 3 层');
  await expect(page.getByTestId('agenda-location')).toHaveText(['A 区（近主舞台）', 'A 区（近主舞台）']);
});

test('the demo conference shows its synthetic matchmaking schedule in English', async ({ page, request }) => {
  const events = (await (await request.get('/api/v1/events?limit=100')).json()) as {
    items: { id: number; name: string }[];
  };
  const suzhou = events.items.find((e) => e.name.includes('武汉—苏州'));
  expect(suzhou).toBeTruthy();
  await page.goto(`/events/${suzhou?.id}/matchmaking`);
  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(page.getByTestId('page-title')).toHaveText('One-to-one meetings');
  await expect(page.getByTestId('synthetic-badge').first()).toHaveText('Synthetic');
  await expect(page.getByTestId('run-summary')).toContainText('Upper bound');
  await page.getByTestId('lang-switch').getByText('中文').click();
});

test('an organiser imports meeting requests from a spreadsheet', async ({ page, request }) => {
  const events = (await (await request.get('/api/v1/events?limit=100')).json()) as {
    items: { id: number; name: string }[];
  };
  const id = events.items.find((e) => e.name.includes('武汉—苏州'))?.id;
  const base = `/api/v1/events/${id}/conference`;
  const people = (await (await request.get(`${base}/participants`)).json()).items as {
    id: number;
    organisation: string;
  }[];
  const open = new Set(
    ((await (await request.get(`${base}/requests`)).json()).items as { fromId: number; toId: number; status: string }[])
      .filter((r) => r.status === 'pending' || r.status === 'accepted')
      .flatMap((r) => [`${r.fromId}|${r.toId}`, `${r.toId}|${r.fromId}`]),
  );
  const unique = people.filter((p) => people.filter((q) => q.organisation === p.organisation).length === 1);
  const [a, b] = unique.flatMap((p) =>
    unique.filter((q) => q.id !== p.id && !open.has(`${p.id}|${q.id}`)).map((q) => [p, q]),
  )[0]!;

  await page.goto(`/events/${id}/matchmaking`);
  await page.getByRole('tab', { name: '约见请求' }).click();
  await page
    .getByTestId('import-requests')
    .locator('xpath=ancestor::span[contains(@class, "ant-upload")]//input[@type="file"]')
    .setInputFiles({
      name: 'requests.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`发起单位,对方单位,优先级,状态\n${a?.organisation},${b?.organisation},必须见,待回复\n`),
    });
  await page.getByTestId('import-requests-commit').click();
  await expect(page.getByText('已导入 1 条约见请求')).toBeVisible();
  const after = (await (await request.get(`${base}/requests`)).json()).items as { fromId: number; toId: number }[];
  expect(after.some((r) => r.fromId === a?.id && r.toId === b?.id)).toBe(true);
});
