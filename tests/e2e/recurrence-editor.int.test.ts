import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { BrowserContext, Page } from 'playwright-core';
import { REPO_ROOT } from '@daybook/substrate';
import { waitForConsumerGroup } from '@daybook/testing';
import { startStack, type Stack } from './stack';

// The recurrence editor (choices → RRULE, the next five dates from the recurring service's
// preview, the choices restored on reopening), the series view, and snoozing a fired
// reminder. identity, tasks, audit, recurring and reminders run behind the web gateway.
const SHOTS = join(REPO_ROOT, 'docs', 'screenshots');
const ZONE = 'Europe/London';
const password = 'correct horse battery staple';

let stack: Stack;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startStack('e2e-recurrence-editor', ['recurring', 'reminders', 'realtime'], {
    // The reminder panel follows its reminder.* events live.
    consumes: { realtime: ['task-events', 'reminder-events'] },
  });
  await waitForConsumerGroup(stack.services.reminders!.consumerGroup, ['task-events']);
  context = await stack.newContext({ height: 1400 });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await stack?.stop();
});

async function api<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

test('every 2 weeks on Monday and Thursday, 5 times: built, previewed, saved and restored', async () => {
  await page.goto(`${stack.baseUrl}/#/signup`);
  await page.getByLabel('Email').fill(`rec-${randomUUID().slice(0, 8)}@example.com`);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();

  // Starts next Monday (at least a day ahead) at 09:00 London.
  const now = DateTime.now().setZone(ZONE);
  const start = now
    .plus({ days: 1 })
    .plus({ days: (8 - now.plus({ days: 1 }).weekday) % 7 })
    .set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
  expect(start.weekday).toBe(1);
  const expected = [0, 3, 14, 17, 28].map((d) => start.plus({ days: d }).toFormat("yyyy-LL-dd'T'HH:mm:ss"));

  await page.getByRole('button', { name: 'New task…' }).click();
  const editor = page.getByRole('dialog', { name: 'New task' });
  await editor.getByLabel('Title').fill('Fortnightly review');
  await editor.getByLabel('Date and time').check();
  await editor.getByLabel('Due at').fill(start.toFormat("yyyy-LL-dd'T'HH:mm"));
  await editor.getByLabel('Time zone').selectOption(ZONE);
  await editor.getByLabel('Repeats').selectOption('weekly');
  await editor.getByLabel('Every', { exact: true }).fill('2');
  await editor.getByRole('checkbox', { name: 'Monday' }).check();
  await editor.getByRole('checkbox', { name: 'Thursday' }).check();
  await editor.getByLabel('Number of times').fill('5');
  await editor.getByLabel('on a fixed schedule').check();
  await expect(editor.getByTestId('rule-summary').textContent()).resolves.toBe(
    'Every 2 weeks on Monday and Thursday, 5 times',
  );

  const dates = editor.getByTestId('preview-dates').locator('time');
  const PREVIEW_JS = `JSON.stringify([...document.querySelectorAll('[data-testid="preview-dates"] time')].map((t) => t.getAttribute('datetime')))`;
  await page.waitForFunction(`${PREVIEW_JS} === ${JSON.stringify(JSON.stringify(expected))}`, undefined, {
    timeout: 15_000,
  });
  expect(await dates.evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')))).toEqual(expected);
  await editor.getByRole('heading', { name: 'Next five dates' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'recurrence-editor.png') });

  await editor.getByRole('button', { name: 'Save' }).click();
  await editor.waitFor({ state: 'detached' });

  // Reopened: the rule comes back as the same choices.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'All', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'All tasks' }).waitFor();
  await page.getByRole('button', { name: 'Fortnightly review', exact: true }).click();
  const edit = page.getByRole('dialog', { name: 'Edit task' });
  await edit.waitFor();
  expect(await edit.getByLabel('Repeats').inputValue()).toBe('weekly');
  expect(await edit.getByLabel('Every', { exact: true }).inputValue()).toBe('2');
  for (const day of ['Monday', 'Thursday'])
    expect(await edit.getByRole('checkbox', { name: day }).isChecked()).toBe(true);
  for (const day of ['Tuesday', 'Wednesday', 'Friday', 'Saturday', 'Sunday']) {
    expect(await edit.getByRole('checkbox', { name: day }).isChecked()).toBe(false);
  }
  expect(await edit.getByLabel('Number of times').inputValue()).toBe('5');
  expect(await edit.getByLabel('after', { exact: true }).isChecked()).toBe(true);
  expect(await edit.getByLabel('on a fixed schedule').isChecked()).toBe(true);

  // The series: one occurrence so far, the latest.
  await edit.getByRole('button', { name: 'Series' }).click();
  const series = page.getByRole('dialog', { name: 'Series' });
  const items = series.getByRole('list', { name: 'Occurrences' }).getByRole('listitem');
  await items.first().waitFor();
  expect(await items.count()).toBe(1);
  await expect(items.first().textContent()).resolves.toContain('Latest');
  await series.getByText('choose whether the change is for that occurrence only').waitFor();
  await page.screenshot({ path: join(SHOTS, 'series.png') });
  await series.getByRole('button', { name: 'Done' }).click();
  await series.waitFor({ state: 'detached' });
  await edit.getByRole('button', { name: 'Cancel' }).click();
  await edit.waitFor({ state: 'detached' });
});

test('a fired reminder, snoozed 5 minutes', async () => {
  const email = `snooze-${randomUUID().slice(0, 8)}@example.com`;
  const session = await api<{ accessToken: string }>('POST', '/api/identity/signup', null, {
    email,
    password,
    timeZone: ZONE,
  });
  const at = new Date(Date.now() + 3000).toISOString();
  await api('POST', '/api/tasks', session.accessToken, {
    title: 'Ring the plumber',
    reminders: [{ type: 'absolute', at }],
  });

  // A fresh browser (no session cookie) signs in as that user.
  const fresh = await stack.newContext({ height: 1000 });
  const page = await fresh.newPage();
  await page.goto(`${stack.baseUrl}/#/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'All', exact: true }).click();
  await page.getByRole('button', { name: 'Ring the plumber', exact: true }).click();
  const edit = page.getByRole('dialog', { name: 'Edit task' });
  const reminder = edit.getByRole('listitem', { name: 'Reminder 1' });

  // The editor looks again every 2 s: the reminder shows as fired once it has.
  await reminder.getByText('Fired', { exact: true }).waitFor({ timeout: 30_000 });
  const clicked = Date.now();
  await reminder.getByRole('button', { name: '5 min' }).click();
  await reminder.getByText('Scheduled', { exact: true }).waitFor();
  const fireAt = Date.parse((await reminder.getByTestId('fire-at').getAttribute('datetime'))!);
  expect(fireAt).toBeGreaterThanOrEqual(clicked + 4.5 * 60_000);
  expect(fireAt).toBeLessThanOrEqual(Date.now() + 5.5 * 60_000);
  await edit.getByRole('heading', { name: 'Reminder status' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'snooze.png') });
  await fresh.close();
});
