import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { REPO_ROOT } from '@daybook/substrate';
import { startStack, type Stack } from './stack';

// Subtasks in the web app: added under a task, shown collapsed or expanded with their
// progress ("1/3"), completed one by one and with their parent (which asks first); and the
// editor of a task repeating after completion says when the next one is due if completed
// now. identity, tasks, audit, recurring and realtime run behind the web gateway.
const SHOTS = join(REPO_ROOT, 'docs', 'screenshots');
const password = 'correct horse battery staple';
const SUBTASKS = ['Pack the books', 'Book a van', 'Cancel the internet'];

let stack: Stack;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startStack('e2e-subtasks', ['recurring', 'realtime'], { consumes: { realtime: ['task-events'] } });
  context = await stack.newContext({ height: 900 });
  page = await context.newPage();
  await page.goto(`${stack.baseUrl}/#/signup`);
  await page.getByLabel('Email').fill(`sub-${randomUUID().slice(0, 8)}@example.com`);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
});

afterAll(async () => {
  await context?.close();
  await stack?.stop();
});

const row = (p: Page, title: string): Locator =>
  p.locator('.task-row', { has: p.getByRole('button', { name: title, exact: true }) });
const subtask = (p: Page, title: string): Locator => p.locator('.subtask', { hasText: title });
/** Waits until the row's progress toggle reads `text` ("1/3"). */
const progress = (r: Locator, text: string) =>
  r.locator('.subtask-toggle', { hasText: text }).waitFor({ timeout: 15_000 });

async function newTask(p: Page, title: string, fill: (editor: Locator) => Promise<void> = async () => {}) {
  await p.getByRole('button', { name: 'New task…' }).click();
  const editor = p.getByRole('dialog', { name: 'New task' });
  await editor.getByLabel('Title').fill(title);
  await fill(editor);
  await editor.getByRole('button', { name: 'Save' }).click();
  await editor.waitFor({ state: 'detached' });
}

test('subtasks are added under a task, counted, completed alone and with their parent', async () => {
  await page.goto(`${stack.baseUrl}/#/all`);
  await page.getByRole('heading', { level: 1, name: 'All tasks' }).waitFor();
  await newTask(page, 'Move house');
  const parent = row(page, 'Move house');
  await parent.waitFor();

  await parent.getByRole('button', { name: 'Add a subtask to “Move house”' }).click();
  const add = parent.getByLabel('Add a subtask to “Move house”', { exact: true }).and(page.locator('input'));
  for (const title of SUBTASKS) {
    await add.fill(title);
    await add.press('Enter');
    await subtask(page, title).waitFor();
  }
  await progress(parent, '0/3');

  await subtask(page, 'Pack the books').getByRole('button', { name: 'Complete “Pack the books”' }).click();
  await progress(parent, '1/3');
  // The subtasks are shown under their parent, never as rows of their own.
  expect(await page.locator('ul.task-list > .task-row').count()).toBe(1);
  await page.screenshot({ path: join(SHOTS, 'subtasks.png') });

  // Collapsed, the row still says how far along it is; expanded again, the same three.
  await parent.getByRole('button', { name: /^Hide subtasks of “Move house”/ }).click();
  await expect(parent.locator('.subtask').count()).resolves.toBe(0);
  await parent.getByRole('button', { name: /^Show subtasks of “Move house”: 1 of 3 done/ }).click();
  await subtask(page, 'Cancel the internet').waitFor();

  // Completing the parent asks about the two open subtasks; "Complete all" completes them.
  await parent.getByRole('button', { name: 'Complete “Move house”' }).click();
  const ask = page.getByRole('dialog', { name: 'Complete “Move house”?' });
  await ask.getByText('It has 2 open subtasks.').waitFor();
  await page.screenshot({ path: join(SHOTS, 'subtasks-complete-parent.png') });
  await ask.getByRole('button', { name: 'Complete all' }).click();
  await ask.waitFor({ state: 'detached' });
  // Done, it leaves the list of open tasks.
  await parent.waitFor({ state: 'detached' });

  // A parent completed alone leaves its subtasks open.
  await newTask(page, 'Plan the party');
  const party = row(page, 'Plan the party');
  await party.waitFor();
  await page.screenshot({ path: join(SHOTS, 'subtasks-add.png') });
  await party.getByRole('button', { name: 'Add a subtask to “Plan the party”' }).click();
  const addToParty = party.getByLabel('Add a subtask to “Plan the party”', { exact: true }).and(page.locator('input'));
  await addToParty.fill('Send invitations');
  await addToParty.press('Enter');
  await progress(party, '0/1');
  await party.getByRole('button', { name: 'Complete “Plan the party”' }).click();
  await page
    .getByRole('dialog', { name: 'Complete “Plan the party”?' })
    .getByRole('button', { name: 'Only this task' })
    .click();
  await party.waitFor({ state: 'detached' });

  // Among the done tasks: "Move house" with all three done, "Plan the party" with its one open.
  await page.locator('details.filters').getByLabel('Status').selectOption('done');
  await progress(parent, '3/3');
  await parent.getByRole('button', { name: /^Show subtasks of “Move house”/ }).click();
  for (const title of SUBTASKS) {
    await subtask(page, title)
      .getByRole('button', { name: `Reopen “${title}”` })
      .waitFor();
  }
  await progress(party, '0/1');
  await party.getByRole('button', { name: /^Show subtasks of “Plan the party”/ }).click();
  await subtask(page, 'Send invitations').getByRole('button', { name: 'Complete “Send invitations”' }).waitFor();
  await page.locator('details.filters').getByLabel('Status').selectOption('open');
});

test('the editor of a task repeating after completion says when the next one is due if completed now', async () => {
  await page.goto(`${stack.baseUrl}/#/all`);
  // Due later today or tomorrow, whatever the hour the test runs: daily after completion.
  const due = DateTime.now().plus({ hours: 2 }).startOf('hour');
  await newTask(page, 'Stretch', async (editor) => {
    await editor.getByLabel('Date and time').check();
    await editor.getByLabel('Due at').fill(due.toFormat("yyyy-LL-dd'T'HH:mm"));
    await editor.getByLabel('Repeats').selectOption('daily');
    await editor.getByLabel('after I complete it').check();
  });
  await row(page, 'Stretch').getByRole('button', { name: 'Stretch', exact: true }).click();
  const editor = page.getByRole('dialog', { name: 'Edit task' });
  const note = editor.getByTestId('next-if-completed');
  await note.waitFor({ timeout: 15_000 });
  // Completed today, it is next due tomorrow at its time of day.
  await expect(note.textContent()).resolves.toMatch(/^If completed now, the next one is due tomorrow, /);
  await note.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'next-if-completed.png') });
});
