import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { REPO_ROOT } from '@daybook/substrate';
import { startStack, type Stack } from './stack';

// The journal in the web app, through the gateway, against the real identity, tasks, audit
// and journal services (the local analyzer): write an entry, see its insight and the mood
// chart, turn a suggestion into a task and find it in the tasks. The tests share the page.
const SHOTS = join(REPO_ROOT, 'docs', 'screenshots');
const email = `journal-${Date.now()}@example.com`;
const password = 'correct horse battery';

let stack: Stack;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  stack = await startStack('e2e-journal', ['journal', 'realtime'], { consumes: { realtime: ['journal-events'] } });
  context = await stack.newContext({ height: 1000 });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await stack?.stop();
});

const entries = (p: Page) => p.getByRole('list', { name: 'Entries' });

test('a new user opens the journal from the navigation', async () => {
  await page.goto(`${stack.baseUrl}/#/signup`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Journal' }).click();
  await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
  await page.getByText('No entries yet.').waitFor();
  await page.getByText('Your entries are analysed on this server only. Nothing leaves it.').waitFor();
});

test('an entry written from the keyboard gets its insight beside it, and the mood chart shows its day', async () => {
  await page
    .getByLabel('What happened today?')
    .fill(
      'Went for a long walk in the park with Sam. The weather was wonderful.\n\nI need to call Mum about the trip.',
    );
  await page.getByRole('radio', { name: '4 · Good' }).check();
  await page.getByRole('textbox', { name: 'Tags' }).fill('walk, family');
  await page.getByLabel('What happened today?').press('Control+Enter');
  const entry = entries(page).getByTestId('journal-entry').first();
  await entry.getByText('Went for a long walk').waitFor();
  await entry.getByText('#family').waitFor();

  const insight = entry.getByTestId('insight');
  await insight.getByRole('button', { name: 'Turn into task: Call Mum about the trip' }).waitFor({ timeout: 20_000 });
  await insight.getByText('made on this server').waitFor();
  expect(await insight.getByTestId('sentiment').textContent()).toContain('Positive');

  const chart = page.getByTestId('mood-chart');
  await chart.locator('circle').first().waitFor();
  expect(await chart.getAttribute('aria-label')).toMatch(/1 days with a mood, average 4\.0 of 5/);
  expect(await page.getByTestId('current-streak').textContent()).toBe('1');
  await page.screenshot({ path: join(SHOTS, 'journal.png') });
});

test('a suggestion turned into a task appears in the tasks, linked back to the entry', async () => {
  const insight = entries(page).getByTestId('journal-entry').first().getByTestId('insight');
  await insight.getByRole('button', { name: 'Turn into task: Call Mum about the trip' }).click();
  await insight.getByText('Task requested ✓').waitFor();

  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'All', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'All tasks' }).waitFor();
  // The tasks service creates it from the journal's event: reload until it is there.
  const task = page.locator('.task-row', { hasText: 'Call Mum about the trip' });
  for (let i = 0; i < 20 && !(await task.count()); i++) {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'All tasks' }).waitFor();
    await page.locator('ul.task-list[aria-busy="false"]').waitFor();
  }
  await task.waitFor();
  expect(await page.locator('.task-row', { hasText: 'Call Mum about the trip' }).count()).toBe(1);
});

test('on a phone the journal is one column without sideways scrolling', async () => {
  const phone = await stack.newContext({ width: 390, height: 844 });
  try {
    const p = await phone.newPage();
    await p.goto(`${stack.baseUrl}/#/signin`);
    await p.getByLabel('Email').fill(email);
    await p.getByLabel('Password').fill(password);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await p.goto(`${stack.baseUrl}/#/journal`);
    await entries(p).getByTestId('journal-entry').first().waitFor();
    expect(await p.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await p.screenshot({ path: join(SHOTS, 'journal-phone.png'), fullPage: true });
  } finally {
    await phone.close();
  }
});
