import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ical from 'node-ical';
import type { BrowserContext, Page } from 'playwright-core';
import { REPO_ROOT } from '@daybook/substrate';
import { dateFrom } from '@daybook/testing';
import { startStack, type Stack } from './stack';

// "Your data" in the web app, through the gateway: a Todoist file imported, the private
// calendar feed fetched (no sign-in) and parsed as a calendar app would, the export downloaded.
const SHOTS = join(REPO_ROOT, 'docs', 'screenshots');
const email = `yourdata-${Date.now()}@example.com`;
const password = 'correct horse battery';
const TODOIST_CSV = [
  'TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE',
  `task,Book flights @travel,Compare prices,4,1,Ada (1),,${dateFrom(3)},en,Europe/London`,
  `task,Renew passport,,3,1,Ada (1),,${dateFrom(6)} 09:30,en,Europe/London`,
  'task,Pack the bags,,1,1,Ada (1),,,en,Europe/London',
].join('\n');

let stack: Stack;
let context: BrowserContext;
let page: Page;
const shot = (p: Page, name: string) => p.screenshot({ path: join(SHOTS, `${name}.png`) });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // With realtime, as the app runs (the sync indicator is live).
  stack = await startStack('e2e-your-data', ['realtime'], { consumes: { realtime: ['task-events'] } });
  context = await stack.newContext({ height: 1000 });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await stack?.stop();
});

test('a Todoist export is previewed, then imported; a half-valid one names its rows', async () => {
  await page.goto(stack.baseUrl);
  await page.getByRole('link', { name: 'New here? Create an account' }).click();
  await page.getByLabel('Name (optional)').fill('Ada');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();

  await page.getByRole('link', { name: 'Your data', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Your data' }).waitFor();

  const half = `${TODOIST_CSV}\ntask,,,9,1,Ada (1),,,en,UTC`;
  await page
    .getByLabel('File to import')
    .setInputFiles({ name: 'Trip.csv', mimeType: 'text/csv', buffer: Buffer.from(half) });
  await page.getByRole('alert').getByText('row 5.CONTENT: must not be empty', { exact: true }).waitFor();
  await page.getByRole('alert').getByText('row 5.PRIORITY: must be 1, 2, 3 or 4', { exact: true }).waitFor();

  await page
    .getByLabel('File to import')
    .setInputFiles({ name: 'Trip.csv', mimeType: 'text/csv', buffer: Buffer.from(TODOIST_CSV) });
  await page.getByText('Will import 3 tasks, 1 list and 1 tag.').waitFor();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByText('Imported 3 tasks, 1 list and 1 tag.').waitFor();
});

test('the calendar feed URL serves the due tasks to a client without sign-in', async () => {
  await page.getByRole('button', { name: 'Create feed URL' }).click();
  const url = await page.getByLabel('Your feed URL (shown once: copy it now)').inputValue();
  expect(url).toMatch(new RegExp(`^${stack.baseUrl}/api/tasks/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
  await shot(page, 'your-data');

  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  const events = Object.values(ical.sync.parseICS(await res.text())).filter((c) => c?.type === 'VEVENT');
  const byTitle = Object.fromEntries(events.map((e) => [String(e.summary), e]));
  expect(Object.keys(byTitle).sort()).toEqual(['Book flights', 'Renew passport']);
  expect(byTitle['Book flights']!.datetype).toBe('date');
  expect(byTitle['Renew passport']!.datetype).toBe('date-time');

  // Regenerated: the old URL is dead.
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Regenerate URL' }).click();
  // A string, as the other e2e tests pass page functions: this project's types have no DOM.
  await page.waitForFunction(`document.getElementById('feed-url')?.value !== ${JSON.stringify(url)}`);
  expect((await fetch(url)).status).toBe(404);
});

test('the export downloads as JSON (everything) and CSV (tasks)', async () => {
  const [json] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download JSON' }).click(),
  ]);
  const data = JSON.parse(readFileSync((await json.path())!, 'utf8'));
  expect(data).toMatchObject({ format: 'daybook-export', version: 1 });
  expect(data.tasks.tasks.map((t: { title: string }) => t.title).sort()).toEqual([
    'Book flights',
    'Pack the bags',
    'Renew passport',
  ]);
  expect(data.tasks.lists.map((l: { name: string }) => l.name)).toEqual(['Trip']);

  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download tasks as CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/^daybook-tasks-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync((await csv.path())!, 'utf8');
  expect(text.split('\n')[0]).toContain('title');
  expect(text).toContain('Renew passport');
});
