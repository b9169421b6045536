import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { REPO_ROOT } from '@daybook/substrate';
import { dateTimeFrom, waitFor } from '@daybook/testing';
import { startStack, type Stack } from './stack';

// A task's history in the web app: every change made to a task (in the editor, through the
// API, completing it) reaches the audit service over Kafka and shows in the task editor's
// History panel, field by field, newest first, a page at a time. identity, tasks and audit
// behind the web gateway, in Chromium.
const SHOTS = join(REPO_ROOT, 'docs', 'screenshots');
const ZONE = 'Europe/London';
const password = 'correct horse battery staple';
const email = `history-${randomUUID().slice(0, 8)}@example.com`;
// Due dates a few days ahead, whatever the day the test runs.
const FIRST_DUE = dateTimeFrom(3, '09:00', ZONE);
const SECOND_DUE = dateTimeFrom(4, '10:30', ZONE);
/** Notes edits made through the API, so the history runs to more than one page (10 entries). */
const NOTES_EDITS = 9;

let stack: Stack;
let context: BrowserContext;
let page: Page;
let token: string;
let taskId: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startStack('e2e-task-history');
  context = await stack.newContext({ height: 1100 });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await stack?.stop();
});

async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A wall-clock time as the app shows it (lib/dates.ts wallClockLabel, in the page's en-GB). */
function wallClock(local: string): string {
  const [d, t] = local.split('T') as [string, string];
  const [y, mo, da] = d.split('-').map(Number) as [number, number, number];
  const [h, mi] = t.split(':').map(Number) as [number, number];
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(Date.UTC(y, mo - 1, da, h, mi)));
}

/** The list's filters are folded on a narrow screen: open them. */
const openFilters = (p: Page) =>
  p.locator('details.filters').evaluate((d) => {
    (d as unknown as { open: boolean }).open = true;
  });
const entries = (panel: Locator) => panel.locator('li.history-entry');
const headlines = async (panel: Locator) => entries(panel).locator('.history-headline').allTextContents();

/** Opens the panel afresh (it reads the history on opening) until its newest entry is `headline`. */
async function openHistoryUntil(panel: Locator, headline: string) {
  const summary = panel.locator('summary');
  await waitFor(
    `the history to show “${headline}” first`,
    async () => {
      if (await panel.evaluate((d) => (d as unknown as { open: boolean }).open)) await summary.click();
      // By keyboard, as a person without a mouse opens it.
      await summary.focus();
      await summary.press('Enter');
      await panel.locator('.history, .hint, [role="alert"]').first().waitFor();
      await panel.locator('.hint', { hasText: 'Loading' }).waitFor({ state: 'detached' });
      return (await headlines(panel))[0] === headline;
    },
    { timeoutMs: 30_000 },
  );
}

test('a task’s history shows every change: who, when, and what changed, field by field', async () => {
  const session = await api<{ accessToken: string }>('POST', '/api/identity/signup', {
    email,
    password,
    displayName: 'Ada',
    timeZone: ZONE,
  });
  token = session.accessToken;
  const created = await api<{ id: string; version: number }>('POST', '/api/tasks', {
    title: 'Water the plants',
    priority: 'medium',
  });
  taskId = created.id;

  await page.goto(`${stack.baseUrl}/#/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'All', exact: true }).click();

  // The first edit, in the editor: title, priority, due date and time, a tag.
  await page.getByRole('button', { name: 'Water the plants', exact: true }).click();
  let editor = page.getByRole('dialog', { name: 'Edit task' });
  await editor.getByLabel('Title').fill('Water the ferns');
  await editor.getByLabel('Priority').selectOption('high');
  await editor.getByLabel('Date and time').check();
  await editor.getByLabel('Due at').fill(FIRST_DUE.slice(0, 16));
  await editor.getByLabel('Time zone').selectOption(ZONE);
  await editor.getByLabel('Tags', { exact: true }).fill('garden');
  await editor.getByLabel('Tags', { exact: true }).press('Enter');
  await editor.getByRole('button', { name: 'Remove tag garden' }).waitFor();
  await editor.getByRole('button', { name: 'Save' }).click();
  await editor.waitFor({ state: 'detached' });

  // The second: the due time moves.
  await page.getByRole('button', { name: 'Water the ferns', exact: true }).click();
  editor = page.getByRole('dialog', { name: 'Edit task' });
  await editor.getByLabel('Due at').fill(SECOND_DUE.slice(0, 16));
  await editor.getByRole('button', { name: 'Save' }).click();
  await editor.waitFor({ state: 'detached' });

  // More changes, through the API (another device, say), then done from the list.
  let version = (await api<{ version: number }>('GET', `/api/tasks/${taskId}`)).version;
  for (let i = 1; i <= NOTES_EDITS; i++) {
    version = (
      await api<{ version: number }>(
        'PATCH',
        `/api/tasks/${taskId}`,
        { notes: `Step ${i}` },
        { 'if-match': `"${version}"` },
      )
    ).version;
  }
  await page.reload();
  await page.getByRole('button', { name: 'Complete “Water the ferns”' }).click();
  await page.getByRole('button', { name: 'Water the ferns', exact: true }).waitFor({ state: 'detached' });
  await openFilters(page);
  await page.locator('details.filters').getByLabel('Status').selectOption('done');
  await page.getByRole('button', { name: 'Water the ferns', exact: true }).click();
  editor = page.getByRole('dialog', { name: 'Edit task' });

  // Newest first; each a moment after it was saved (the events travel through Kafka).
  const panel = editor.getByTestId('task-history');
  await openHistoryUntil(panel, 'Marked it done');
  const total = 1 + 2 + NOTES_EDITS + 1;
  expect(await entries(panel).count()).toBe(10);
  const newest = entries(panel).first();
  expect(await newest.locator('.history-head').textContent()).toMatch(/^You · /);
  expect(await newest.locator('.history-changes li').allTextContents()).toEqual(['Status changed from open to done']);
  await panel.getByText('Notes changed from').waitFor({ state: 'detached' }); // notes are not quoted in full
  expect(await entries(panel).nth(1).locator('.history-changes li').allTextContents()).toEqual(['Notes edited']);

  // Older changes, a page further on, by keyboard.
  const older = panel.getByRole('button', { name: 'Show older changes' });
  await older.focus();
  await older.press('Enter');
  await waitFor('the second page', async () => (await entries(panel).count()) === total);
  await older.waitFor({ state: 'detached' });
  // The keyboard's place moved to the first older entry, not lost with the button.
  expect(
    await entries(panel)
      .nth(10)
      .evaluate((li) => li === li.ownerDocument.activeElement),
  ).toBe(true);
  const all = await headlines(panel);
  expect(all).toEqual([
    'Marked it done',
    ...Array<string>(NOTES_EDITS).fill('Edited the task'),
    'Edited the task',
    'Edited the task',
    'Created the task',
  ]);
  const changesOf = (i: number) => entries(panel).nth(i).locator('.history-changes li').allTextContents();
  expect(await changesOf(total - 3)).toEqual([`Due changed from ${wallClock(FIRST_DUE)} to ${wallClock(SECOND_DUE)}`]);
  expect(await changesOf(total - 2)).toEqual([
    'Title changed from “Water the plants” to “Water the ferns”',
    'Priority changed from medium to high',
    `Due set to ${wallClock(FIRST_DUE)}`,
    'Tags: added garden',
  ]);
  expect(await changesOf(total - 1)).toEqual(['Title “Water the plants”', 'Priority medium']);
  // Every entry says who and when, the time in a machine-readable <time> too.
  for (const time of await panel.locator('.history-head time').all()) {
    expect(Date.parse((await time.getAttribute('datetime'))!)).toBeLessThanOrEqual(Date.now());
  }

  // The oldest changes, the editor's own, in view for the screenshot.
  await entries(panel)
    .nth(total - 1)
    .scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'task-history.png') });
});

test('the history panel at phone width', async () => {
  const phone = await stack.newContext({ width: 360, height: 740 });
  try {
    const p = await phone.newPage();
    await p.goto(`${stack.baseUrl}/#/signin`);
    await p.getByLabel('Email').fill(email);
    await p.getByLabel('Password').fill(password);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await p.goto(`${stack.baseUrl}/#/all`);
    await openFilters(p);
    await p.locator('details.filters').getByLabel('Status').selectOption('done');
    await p.getByRole('button', { name: 'Water the ferns', exact: true }).click();
    const panel = p.getByRole('dialog', { name: 'Edit task' }).getByTestId('task-history');
    await openHistoryUntil(panel, 'Marked it done');
    // Nothing wider than the screen.
    expect(await p.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await entries(panel).nth(2).scrollIntoViewIfNeeded();
    await p.screenshot({ path: join(SHOTS, 'phone-task-history.png') });
  } finally {
    await phone.close();
  }
});
