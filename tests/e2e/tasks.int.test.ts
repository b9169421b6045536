import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { loginCodeRequested, type EventData } from '@daybook/contracts';
import { REPO_ROOT } from '@daybook/substrate';
import { dateFrom, dateTimeFrom, kafkaTap, unsealLoginCode, type KafkaTap } from '@daybook/testing';
import { startStack, type Stack } from './stack';

// One user's day in the web app, through the gateway, against the real identity, tasks,
// audit and realtime services. The tests run in order and share the signed-in page.
const SHOTS = join(REPO_ROOT, 'docs', 'screenshots');
const OPEN = [
  'Water the plants',
  'Call the dentist',
  'Pay the electricity bill',
  'Prepare the quarterly report',
  'Book train tickets',
];
const email = `ada-${Date.now()}@example.com`;
// The report is due well beyond the Upcoming window (7 days), whatever the day the test runs.
const REPORT_DUE = dateTimeFrom(20, '09:30', 'Europe/Paris');
const REPORT_REMINDER = dateTimeFrom(19, '17:00', 'Europe/Paris');
const password = 'correct horse battery';

let stack: Stack;
let context: BrowserContext;
let page: Page;
let tap: KafkaTap;

const shot = (p: Page, name: string) => p.screenshot({ path: join(SHOTS, `${name}.png`) });
const row = (p: Page, title: string): Locator =>
  p.locator('.task-row', { has: p.getByRole('button', { name: title, exact: true }) });
/** Waits until the list shows exactly n tasks. */
const rowCount = (p: Page, n: number) => p.waitForFunction(`document.querySelectorAll('.task-row').length === ${n}`);
const TITLES_JS = `JSON.stringify([...document.querySelectorAll('.task-row .task-title')].map((e) => e.textContent.trim()).sort())`;
/** Waits until the list shows exactly these tasks (in any order). */
async function shows(p: Page, expected: string[]) {
  const want = JSON.stringify([...expected].sort());
  try {
    await p.waitForFunction(`${TITLES_JS} === ${JSON.stringify(want)}`, undefined, { timeout: 15_000 });
  } catch {
    throw new Error(`the list shows ${String(await p.evaluate(TITLES_JS))}, not ${want}`);
  }
}
const list = (p: Page) => p.locator('ul.task-list');

async function view(p: Page, name: 'Today' | 'Upcoming' | 'All') {
  await p.getByRole('navigation', { name: 'Views' }).getByRole('link', { name, exact: true }).click();
  await p.getByRole('heading', { level: 1, name: name === 'All' ? 'All tasks' : name }).waitFor();
  await waitIdle(p);
}

/** The list is not loading (aria-busy is false). */
const waitIdle = (p: Page) => list(p).and(p.locator('[aria-busy="false"]')).first().waitFor({ state: 'attached' });

async function quickAdd(p: Page, title: string) {
  await p.getByLabel('New task').fill(title);
  await p.getByLabel('New task').press('Enter');
  await row(p, title).waitFor();
}

async function signIn(p: Page) {
  await p.goto(`${stack.baseUrl}/#/signin`);
  await p.getByLabel('Email').fill(email);
  await p.getByLabel('Password').fill(password);
  await p.getByRole('button', { name: 'Sign in' }).click();
  await p.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // With realtime, as the app runs: live sync is on (the sync indicator is live).
  stack = await startStack('e2e-tasks', ['realtime'], { consumes: { realtime: ['task-events'] } });
  tap = await kafkaTap([loginCodeRequested.topic]);
  context = await stack.newContext({ height: 1000 });
  page = await context.newPage();
});

afterAll(async () => {
  await tap?.stop();
  await context?.close();
  await stack?.stop();
});

test('a new user signs up and lands on Today', async () => {
  await page.goto(stack.baseUrl);
  await page.getByRole('heading', { name: 'Sign in to Daybook' }).waitFor();
  await shot(page, 'sign-in');

  await page.getByRole('link', { name: 'New here? Create an account' }).click();
  await page.getByLabel('Name (optional)').fill('Ada');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
  await page.getByText('Nothing due today. Enjoy the calm.').waitFor();
  expect(page.url()).toMatch(/#\/today$/);

  // A reload keeps the session (the refresh cookie), with no token in storage: at most the
  // live-sync cursor (a number) is kept there.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
  const { local, session } = JSON.parse(
    (await page.evaluate('JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } })')) as string,
  ) as { local: Record<string, string>; session: Record<string, string> };
  expect(session).toEqual({});
  for (const [key, value] of Object.entries(local)) {
    expect(key).toMatch(/^daybook\.sync\.cursor\.[0-9a-f-]+$/);
    expect(value).toMatch(/^\d+$/);
  }
});

test('tasks are created by quick add and with the full editor', async () => {
  await quickAdd(page, 'Water the plants');
  await quickAdd(page, 'Call the dentist');
  await quickAdd(page, 'Pay the electricity bill');

  await page.getByRole('button', { name: 'New task…' }).click();
  const editor = page.getByRole('dialog', { name: 'New task' });
  await editor.getByLabel('Title').fill('Prepare the quarterly report');
  await editor.getByLabel('Notes').fill('Figures from **finance**; charts from last quarter.');
  await editor.getByLabel('Priority').selectOption('high');
  await editor.getByLabel('Tags', { exact: true }).fill('work');
  await editor.getByLabel('Tags', { exact: true }).press('Enter');
  await editor.getByRole('button', { name: 'Remove tag work' }).waitFor();
  await editor.getByLabel('Tags', { exact: true }).fill('deep-focus');
  await editor.getByLabel('Tags', { exact: true }).press('Enter');
  await editor.getByRole('button', { name: 'Remove tag deep-focus' }).waitFor();
  await editor.getByLabel('Date and time').check();
  await editor.getByLabel('Due at').fill(REPORT_DUE);
  await editor.getByLabel('Time zone').selectOption('Europe/Paris');
  await editor.getByRole('button', { name: 'Add reminder' }).click();
  await editor.getByLabel('Reminder 1 amount').fill('1');
  await editor.getByLabel('Reminder 1 unit').selectOption('days');
  await editor.getByRole('button', { name: 'Add reminder' }).click();
  await editor.getByLabel('Reminder 2 kind').selectOption('absolute');
  await editor.getByLabel('Reminder 2 time').fill(REPORT_REMINDER);
  // Monthly on the 1st Friday, through the recurrence editor's choices.
  await editor.getByLabel('Repeats').selectOption('monthly');
  await editor.getByLabel('Which week').selectOption('1');
  await editor.getByLabel('Weekday', { exact: true }).selectOption('FR');
  await editor.getByLabel('after I complete it').check();
  await editor.locator('label[for="editor-title"]').scrollIntoViewIfNeeded();
  await shot(page, 'editor');
  await editor.getByRole('button', { name: 'Save' }).click();
  await editor.waitFor({ state: 'detached' });

  // Not due today: it is in All, with its tags, priority, reminder and repeat marks.
  await view(page, 'All');
  const report = row(page, 'Prepare the quarterly report');
  await report.waitFor();
  expect(await report.locator('.task-meta').textContent()).toMatch(/high.*#deep-focus.*#work.*has reminders.*repeats/);

  await page.getByRole('button', { name: 'Prepare the quarterly report', exact: true }).click();
  const reopened = page.getByRole('dialog', { name: 'Edit task' });
  await expect(reopened.getByLabel('Time zone').inputValue()).resolves.toBe('Europe/Paris');
  await expect(reopened.getByLabel('Due at').inputValue()).resolves.toBe(REPORT_DUE);
  await expect(reopened.getByLabel('Reminder 1 unit').inputValue()).resolves.toBe('days');
  await expect(reopened.getByLabel('Repeats').inputValue()).resolves.toBe('monthly');
  await expect(reopened.getByLabel('after I complete it').isChecked()).resolves.toBe(true);
  await reopened.getByRole('button', { name: 'Advanced: RRULE text' }).click();
  await expect(reopened.getByLabel('Rule (RRULE)').inputValue()).resolves.toBe('FREQ=MONTHLY;BYDAY=1FR');
  await reopened.getByRole('button', { name: 'Cancel' }).click();
  await reopened.waitFor({ state: 'detached' });

  await view(page, 'Today');
  await shows(page, ['Water the plants', 'Call the dentist', 'Pay the electricity bill']);
  await shot(page, 'today');
});

test('filters narrow the list', async () => {
  await view(page, 'All');
  await quickAdd(page, 'Book train tickets');
  await page.getByRole('button', { name: 'Book train tickets', exact: true }).click();
  const editor = page.getByRole('dialog', { name: 'Edit task' });
  await editor.getByLabel('Priority').selectOption('high');
  await editor.getByLabel('Tags', { exact: true }).fill('travel');
  await editor.getByLabel('Tags', { exact: true }).press('Enter');
  await editor.getByRole('button', { name: 'Remove tag travel' }).waitFor();
  await editor.getByRole('button', { name: 'Save' }).click();
  await editor.waitFor({ state: 'detached' });

  const filters = page.locator('details.filters');
  await filters.getByRole('checkbox', { name: 'high' }).check();
  await shows(page, ['Book train tickets', 'Prepare the quarterly report']);

  await filters.getByRole('checkbox', { name: '#work' }).check();
  await shows(page, ['Prepare the quarterly report']);
  await filters.getByRole('checkbox', { name: '#travel' }).check();
  await shows(page, ['Book train tickets', 'Prepare the quarterly report']);
  await filters.getByRole('radio', { name: 'all' }).check();
  await shows(page, []);
  await page.getByText('No tasks match.').waitFor();
  await filters.getByRole('radio', { name: 'any' }).check();
  await shows(page, ['Book train tickets', 'Prepare the quarterly report']);
  await filters.getByLabel('Repeats').selectOption('true');
  await shows(page, ['Prepare the quarterly report']);
  await filters.getByLabel('Repeats').selectOption('false');
  await shows(page, ['Book train tickets']);
  await filters.getByLabel('Repeats').selectOption('');
  await filters.getByLabel('Reminders').selectOption('true');
  await shows(page, ['Prepare the quarterly report']);
  await shot(page, 'all-tasks-filters');

  for (const name of ['high', '#work', '#travel']) await filters.getByRole('checkbox', { name }).uncheck();
  await filters.getByLabel('Reminders').selectOption('');
  await shows(page, OPEN);
});

test('the search box finds tasks by title and notes', async () => {
  const search = page.getByRole('searchbox', { name: 'Search tasks' });
  await search.fill('finance');
  await shows(page, ['Prepare the quarterly report']);
  await expect(page.locator('details.filters').getByLabel('Sort by').inputValue()).resolves.toBe('relevance');
  await search.fill('plants');
  await shows(page, ['Water the plants']);
  // From another view, searching goes to All.
  await view(page, 'Today');
  await search.fill('electricity');
  await page.getByRole('heading', { level: 1, name: 'All tasks' }).waitFor();
  await shows(page, ['Pay the electricity bill']);
  await search.fill('');
  await shows(page, OPEN);
});

test('a task is edited', async () => {
  await page.getByRole('button', { name: 'Call the dentist', exact: true }).click();
  const editor = page.getByRole('dialog', { name: 'Edit task' });
  // Focus moved into the dialog, to its first field.
  await page.waitForFunction("document.activeElement?.id === 'editor-title'");
  await editor.getByLabel('Title').fill('Call the dentist about the filling');
  await editor.getByLabel('Priority').selectOption('medium');
  await editor.getByRole('button', { name: 'Save' }).click();
  await editor.waitFor({ state: 'detached' });
  await row(page, 'Call the dentist about the filling').getByText('medium').waitFor();
  // Focus went back to where it was.
  await page.waitForFunction("document.activeElement?.textContent === 'Call the dentist about the filling'");
});

test('an expired access token is refreshed silently, and the editor keeps its input', async () => {
  // The tasks service refuses the first save as if the token had just expired.
  let refused = false;
  await page.route('**/api/tasks/*', async (route) => {
    if (refused || route.request().method() !== 'PATCH') return route.continue();
    refused = true;
    await route.fulfill({
      status: 401,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'unauthorized', message: 'token expired' } }),
    });
  });
  try {
    await page.getByRole('button', { name: 'Call the dentist about the filling', exact: true }).click();
    const editor = page.getByRole('dialog', { name: 'Edit task' });
    await editor.getByLabel('Notes').fill('Ask about the crown too.');
    const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/identity/refresh') && r.status() === 200);
    await editor.getByRole('button', { name: 'Save' }).click();
    await refreshed;
    await editor.waitFor({ state: 'detached' });
    expect(refused).toBe(true);
  } finally {
    await page.unroute('**/api/tasks/*');
  }
  await page.getByRole('button', { name: 'Call the dentist about the filling', exact: true }).click();
  const editor = page.getByRole('dialog', { name: 'Edit task' });
  await expect(editor.getByLabel('Notes').inputValue()).resolves.toBe('Ask about the crown too.');
  await editor.getByRole('button', { name: 'Cancel' }).click();
  await editor.waitFor({ state: 'detached' });
});

test('several tasks are completed at once', async () => {
  await page.getByRole('checkbox', { name: 'Select “Water the plants”' }).check();
  await page.getByRole('checkbox', { name: 'Select “Pay the electricity bill”' }).check();
  const bar = page.getByRole('region', { name: 'Selected tasks' });
  await bar.getByText('2 selected').waitFor();
  await bar.getByRole('button', { name: 'Complete' }).click();
  await page.getByText('Completed 2 tasks').waitFor();
  await row(page, 'Water the plants').waitFor({ state: 'detached' });
  await row(page, 'Pay the electricity bill').waitFor({ state: 'detached' });
  await bar.waitFor({ state: 'detached' });

  await page.locator('details.filters').getByLabel('Status').selectOption('done');
  await shows(page, ['Pay the electricity bill', 'Water the plants']);
  await page.locator('details.filters').getByLabel('Status').selectOption('open');
  await shows(page, ['Call the dentist about the filling', 'Prepare the quarterly report', 'Book train tickets']);
});

test('a deleted task comes back with Undo', async () => {
  await page.getByRole('button', { name: 'Delete “Book train tickets”' }).click();
  await row(page, 'Book train tickets').waitFor({ state: 'detached' });
  const toast = page.getByRole('status').filter({ hasText: 'Deleted “Book train tickets”' });
  await toast.getByRole('button', { name: 'Undo' }).click();
  await row(page, 'Book train tickets').waitFor();
  await page.getByText('Restored “Book train tickets”').waitFor();
  await page.reload();
  await row(page, 'Book train tickets').waitFor();
});

test('a conflict between two sessions of the same user is resolved in the dialog', async () => {
  const other = await stack.newContext();
  try {
    const theirs = await other.newPage();
    await signIn(theirs);
    await view(theirs, 'All');
    await view(page, 'All');

    // Both open the same task and edit it; the other device saves first. (Live sync shows
    // me a banner about their change, but I save without looking: the server answers 409.)
    await page.getByRole('button', { name: 'Book train tickets', exact: true }).click();
    const mine = page.getByRole('dialog', { name: 'Edit task' });
    await mine.getByLabel('Title').fill('Book train tickets (window seat)');
    await mine.getByLabel('Notes').fill('Leave on Friday morning.');
    await theirs.getByRole('button', { name: 'Book train tickets', exact: true }).click();
    const their = theirs.getByRole('dialog', { name: 'Edit task' });
    await their.getByLabel('Title').fill('Book train tickets to Edinburgh');
    await their.getByRole('button', { name: 'Save' }).click();
    await their.waitFor({ state: 'detached' });

    await mine.getByRole('button', { name: 'Save' }).click();
    const conflict = page.getByRole('dialog', { name: 'This task changed elsewhere' });
    await conflict.getByRole('cell', { name: 'Book train tickets to Edinburgh' }).waitFor();
    await shot(page, 'conflict-dialog');

    // Merge: their title, my notes.
    await conflict.getByRole('button', { name: 'Merge by field…' }).click();
    await conflict
      .getByRole('group', { name: 'Title' })
      .getByRole('radio', { name: /Theirs/ })
      .check();
    await conflict.getByRole('group', { name: 'Notes' }).getByRole('radio', { name: /Mine/ }).check();
    await shot(page, 'conflict-merge');
    await conflict.getByRole('button', { name: 'Save merged' }).click();
    await conflict.waitFor({ state: 'detached' });
    await mine.waitFor({ state: 'detached' });
    await row(page, 'Book train tickets to Edinburgh').waitFor();

    await page.getByRole('button', { name: 'Book train tickets to Edinburgh', exact: true }).click();
    await expect(mine.getByLabel('Notes').inputValue()).resolves.toBe('Leave on Friday morning.');
    await mine.getByRole('button', { name: 'Cancel' }).click();

    // The other device sees the merged task on its next load.
    await view(theirs, 'Today');
    await view(theirs, 'All');
    await row(theirs, 'Book train tickets to Edinburgh').waitFor();
  } finally {
    await other.close();
  }
});

test('the app works at phone width', async () => {
  const phone = await stack.newContext({ width: 360, height: 740 });
  try {
    const p = await phone.newPage();
    await signIn(p);
    await view(p, 'All');
    await p.locator('details.filters summary').click(); // fold the filters away
    await row(p, 'Prepare the quarterly report').waitFor();
    const overflow = await p.evaluate('document.documentElement.scrollWidth > document.documentElement.clientWidth');
    expect(overflow).toBe(false);
    await shot(p, 'phone');
    await p.getByRole('button', { name: 'Prepare the quarterly report', exact: true }).click();
    const editor = p.getByRole('dialog', { name: 'Edit task' });
    await editor.getByLabel('Title').waitFor();
    await shot(p, 'phone-editor');
    await editor.press('Escape');
    await editor.waitFor({ state: 'detached' });
  } finally {
    await phone.close();
  }
});

test('long lists load page by page as they scroll', async () => {
  // 40 more tasks straight through the API (as the signed-in user, through the gateway).
  const login = await fetch(`${stack.baseUrl.replace('localhost', '127.0.0.1')}/api/identity/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  for (let i = 1; i <= 40; i++) {
    const res = await fetch(`${stack.services.tasks!.baseUrl}/api/tasks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: `Reading list item ${String(i).padStart(2, '0')}` }),
    });
    expect(res.status).toBe(201);
  }
  await view(page, 'Today');
  await view(page, 'All');
  await page.locator('details.filters').getByLabel('Sort by').selectOption('title');
  await rowCount(page, 30);
  await page.locator('.load-more').scrollIntoViewIfNeeded();
  await rowCount(page, 43);
  await page.locator('.load-more').waitFor({ state: 'detached' });
});

test('Upcoming shows what is due in the next 7 days', async () => {
  const inThreeDays = dateFrom(3, 'Europe/London');
  await view(page, 'Upcoming');
  await page.getByRole('button', { name: 'New task…' }).click();
  const editor = page.getByRole('dialog', { name: 'New task' });
  await editor.getByLabel('Title').fill('Collect the dry cleaning');
  await editor.getByLabel('Date', { exact: true }).check();
  await editor.getByLabel('Due date', { exact: true }).fill(inThreeDays);
  await editor.getByRole('button', { name: 'Save' }).click();
  await editor.waitFor({ state: 'detached' });
  await view(page, 'Today');
  await view(page, 'Upcoming');
  await shows(page, ['Collect the dry cleaning']);
  await row(page, 'Collect the dry cleaning').getByText('In 3 days').waitFor();
});

test('signing out ends the session', async () => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Daybook' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Sign in to Daybook' }).waitFor();
});

test('signing in with a code sent by email', async () => {
  await page.getByRole('link', { name: 'Email me a code instead' }).click();
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Email me a code' }).click();
  await page.getByText(`If an account exists for ${email}`).waitFor();
  // The code travels sealed in the event notifications will email; the test opens it with
  // the stack's key, as notifications would.
  const event = await tap.waitFor(
    'the login code event',
    (m) => m.json?.type === loginCodeRequested.type && (m.json.data as { email: string }).email === email,
  );
  const code = unsealLoginCode(stack.secrets, event.json!.data as EventData<typeof loginCodeRequested>);

  const wrong = code === '000000' ? '111111' : '000000';
  await page.getByLabel('Code', { exact: true }).fill(wrong);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').waitFor(); // the server's message
  await page.getByLabel('Code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
});
