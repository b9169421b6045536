import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { BrowserContext, Page } from 'playwright-core';
import { taskCreated, type TaskSnapshot } from '@daybook/contracts';
import { REPO_ROOT } from '@daybook/substrate';
import { kafkaTap, waitForConsumerGroup, type KafkaTap } from '@daybook/testing';
import { startStack, type Stack } from './stack';

// Issue 4 in the browser: a weekly task with a reminder, completed, leaves exactly one
// next occurrence, at the right date. identity, tasks, audit, recurring and reminders all
// run beside their sidecars behind the web gateway.
const SHOTS = join(REPO_ROOT, 'docs', 'screenshots');
let stack: Stack;
let tap: KafkaTap;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  stack = await startStack('e2e-recurring', ['recurring', 'reminders', 'realtime'], {
    consumes: { realtime: ['task-events'] },
  });
  await Promise.all([
    waitForConsumerGroup(stack.services.recurring!.consumerGroup, ['task-events']),
    waitForConsumerGroup(stack.services.tasks!.consumerGroup, ['recurring-events']),
    waitForConsumerGroup(stack.services.reminders!.consumerGroup, ['task-events']),
  ]);
  tap = await kafkaTap([taskCreated.topic]);
  context = await stack.newContext({ height: 1000 });
  page = await context.newPage();
});

afterAll(async () => {
  await tap?.stop();
  await context?.close();
  await stack?.stop();
});

test('a weekly task with a reminder, completed, has exactly one next occurrence a week on', async () => {
  await page.goto(`${stack.baseUrl}/#/signup`);
  await page.getByLabel('Email').fill(`weekly-${randomUUID().slice(0, 8)}@example.com`);
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();

  // Due tomorrow at 09:00 London, every week, 15 minutes' warning.
  const due = DateTime.now()
    .setZone('Europe/London')
    .plus({ days: 1 })
    .set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
  await page.getByRole('button', { name: 'New task…' }).click();
  const editor = page.getByRole('dialog', { name: 'New task' });
  await editor.getByLabel('Title').fill('Water the ferns');
  await editor.getByLabel('Date and time').check();
  await editor.getByLabel('Due at').fill(due.toFormat("yyyy-LL-dd'T'HH:mm"));
  await editor.getByLabel('Time zone').selectOption('Europe/London');
  await editor.getByRole('button', { name: 'Add reminder' }).click();
  await editor.getByLabel('Reminder 1 amount').fill('15');
  await editor.getByLabel('Reminder 1 unit').selectOption('minutes');
  await editor.getByRole('button', { name: 'Advanced: RRULE text' }).click();
  await editor.getByLabel('Rule (RRULE)').fill('FREQ=WEEKLY');
  await editor.getByLabel('after I complete it').check();
  await editor.getByRole('button', { name: 'Save' }).click();
  await editor.waitFor({ state: 'detached' });

  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'All', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'All tasks' }).waitFor();
  const first = await tap.waitFor(
    'the task',
    (m) => (m.json?.data as { task?: TaskSnapshot })?.task?.title === 'Water the ferns',
  );
  const firstTask = (first.json!.data as { task: TaskSnapshot }).task;

  await page.getByRole('button', { name: 'Complete “Water the ferns”' }).click();

  // The next occurrence: created by tasks at the recurring service's request.
  const next = await tap.waitFor(
    'the next occurrence',
    (m) => (m.json?.data as { task?: TaskSnapshot })?.task?.seriesId === firstTask.id,
  );
  const nextTask = (next.json!.data as { task: TaskSnapshot }).task;
  // After completion: the rule restarts on the completion day at the series' 09:00, so a
  // weekly rule's next one is a week after that day.
  const completed = await tap.waitFor(
    'the completion',
    (m) => m.key === firstTask.id && m.json?.type === 'daybook.task.completed.v1',
  );
  const completedAt = DateTime.fromISO((completed.json!.data as { task: TaskSnapshot }).task.completedAt!, {
    zone: 'Europe/London',
  });
  const expected = completedAt.set({ hour: 9, minute: 0, second: 0, millisecond: 0 }).plus({ days: 7 });
  expect(nextTask.dueAt).toBe(expected.toUTC().toISO());
  expect(nextTask.reminders).toEqual([expect.objectContaining({ type: 'relative', minutesBefore: 15 })]);

  // In the browser: exactly one open "Water the ferns" (the new one), with its marks.
  const rows = page.locator('.task-row', { has: page.getByRole('button', { name: 'Water the ferns', exact: true }) });
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'All tasks' }).waitFor();
  await rows.first().waitFor();
  expect(await rows.count()).toBe(1);
  expect(await rows.first().getByRole('button', { name: 'Complete “Water the ferns”' }).count()).toBe(1);
  expect(
    tap.messages.filter((m) => (m.json?.data as { task?: TaskSnapshot })?.task?.seriesId === firstTask.id),
  ).toHaveLength(1);
});

test('the latest occurrence renamed for this occurrence only: the next one has the series’ title', async () => {
  // Signed in by the test above. A daily task due tomorrow at 08:00 London, after completion.
  const due = DateTime.now()
    .setZone('Europe/London')
    .plus({ days: 1 })
    .set({ hour: 8, minute: 0, second: 0, millisecond: 0 });
  await page.getByRole('button', { name: 'New task…' }).click();
  const editor = page.getByRole('dialog', { name: 'New task' });
  await editor.getByLabel('Title').fill('Stretch');
  await editor.getByLabel('Date and time').check();
  await editor.getByLabel('Due at').fill(due.toFormat("yyyy-LL-dd'T'HH:mm"));
  await editor.getByLabel('Time zone').selectOption('Europe/London');
  await editor.getByRole('button', { name: 'Advanced: RRULE text' }).click();
  await editor.getByLabel('Rule (RRULE)').fill('FREQ=DAILY');
  await editor.getByLabel('after I complete it').check();
  await editor.getByRole('button', { name: 'Save' }).click();
  await editor.waitFor({ state: 'detached' });
  const created = await tap.waitFor(
    'the task',
    (m) => (m.json?.data as { task?: TaskSnapshot })?.task?.title === 'Stretch',
  );
  const series = (created.json!.data as { task: TaskSnapshot }).task;

  // Open, it is the latest: the editor offers "this and future" first; the person picks "this only".
  await page.getByRole('button', { name: 'Stretch', exact: true }).click();
  const edit = page.getByRole('dialog', { name: 'Edit task' });
  await edit.waitFor();
  expect(await edit.getByLabel('This and future occurrences').isChecked()).toBe(true);
  await edit.getByLabel('Title').fill('Stretch (skip legs today)');
  await edit.getByLabel('This occurrence only').check();
  await edit.getByTestId('preview-dates').locator('time').nth(4).waitFor();
  await page.screenshot({ path: join(SHOTS, 'series-scope.png') });
  await edit.getByRole('button', { name: 'Save' }).click();
  await edit.waitFor({ state: 'detached' });
  const updated = await tap.waitFor(
    'the edit',
    (m) => m.key === series.id && m.json?.type === 'daybook.task.updated.v1',
  );
  expect((updated.json!.data as { scope?: string }).scope).toBe('this');

  await page.getByRole('button', { name: 'Complete “Stretch (skip legs today)”' }).click();
  const next = await tap.waitFor(
    'the next occurrence',
    (m) => (m.json?.data as { task?: TaskSnapshot })?.task?.seriesId === series.id,
  );
  const nextTask = (next.json!.data as { task: TaskSnapshot }).task;
  expect(nextTask.title).toBe('Stretch');
  // At the series' 08:00 London.
  expect(nextTask.due).toMatchObject({ timeZone: 'Europe/London' });
  expect(DateTime.fromISO(nextTask.dueAt!, { zone: 'Europe/London' }).toFormat('HH:mm')).toBe('08:00');
  // Live sync: the next occurrence (made by the recurring service) appears without a reload.
  await page.getByRole('button', { name: 'Stretch', exact: true }).waitFor();
});
