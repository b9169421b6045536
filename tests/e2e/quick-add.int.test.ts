import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { REPO_ROOT } from '@daybook/substrate';
import { dateFrom } from '@daybook/testing';
import { signedInApi, startStack, type Stack } from './stack';

// Issue 12 in the browser: natural-language quick add, the sidebar with live counts (two
// devices of one user), a session driven by the keyboard alone, and the drawer at phone
// width; against the real identity, tasks, recurring (the preview) and realtime services.
const SHOTS = join(REPO_ROOT, 'docs', 'screenshots');
const ZONE = 'Europe/London'; // the browser contexts' zone (stack.ts), so the user's
const email = `lin-${Date.now()}@example.com`;
const password = 'correct horse battery';
const PHRASE = 'Pay rent every month on the 1st at 9am #home !high @Bills';

let stack: Stack;
let laptop: BrowserContext;
let other: BrowserContext;
let a: Page;
let b: Page;

const shot = (p: Page, name: string) => p.screenshot({ path: join(SHOTS, `${name}.png`), animations: 'disabled' });
const row = (p: Page, title: string): Locator =>
  p.locator('.task-row', { has: p.getByRole('button', { name: title, exact: true }) });
const sidebar = (p: Page) => p.getByRole('navigation', { name: 'Lists and tags' });
const count = (p: Page, label: string) => sidebar(p).getByTestId(`count-${label}`);
/** Waits until the sidebar shows `n` open tasks for `label` (no number when none). */
const waitCount = (p: Page, label: string, n: number) =>
  p.waitForFunction(
    `(document.querySelector('[data-testid="count-${label}"]')?.textContent ?? '').replace(/\\D/g, '') === '${n || ''}'`,
  );
const readCount = async (p: Page, label: string) =>
  Number(((await count(p, label).textContent()) ?? '').replace(/\D/g, '') || 0);
const quickAddIsEmpty = (p: Page) => p.waitForFunction(`document.getElementById('quick-add').value === ''`);
const waitIdle = (p: Page) => p.locator('ul.task-list[aria-busy="false"]').waitFor({ state: 'attached' });

/** The first of next month in the zone, or today when it is the 1st and 9:00 is still to come. */
function firstOccurrence(): string {
  const today = dateFrom(0, ZONE);
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', hourCycle: 'h23' }).format());
  if (today.endsWith('-01') && hour < 9) return today;
  const [y, m] = today.split('-').map(Number);
  return m === 12 ? `${y! + 1}-01-01` : `${y}-${String(m! + 1).padStart(2, '0')}-01`;
}

/** The API as this test's person (signs in for each call). */
const api = <T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  signedInApi(stack.baseUrl, email, password)<T>(method, path, body, headers);

interface TaskJson {
  id: string;
  title: string;
  status: string;
  priority: string;
  listId: string | null;
  due: { date?: string; dateTime?: string; timeZone?: string } | null;
  recurrence: { rrule: string; mode: string } | null;
  tags: { name: string }[];
}
const findTask = async (title: string) =>
  (await api<{ items: TaskJson[] }>('GET', `/api/tasks?q=${encodeURIComponent(title)}`)).items.find(
    (t) => t.title === title,
  );

async function signIn(p: Page) {
  await p.goto(`${stack.baseUrl}/#/signin`);
  await p.getByLabel('Email').fill(email);
  await p.getByLabel('Password').fill(password);
  await p.getByRole('button', { name: 'Sign in' }).click();
  await p.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startStack('e2e-quick-add', ['recurring', 'realtime'], {
    consumes: { realtime: ['task-events'] },
  });
  laptop = await stack.newContext({ height: 900 });
  other = await stack.newContext({ height: 900 });
  a = await laptop.newPage();
  b = await other.newPage();
  await a.goto(`${stack.baseUrl}/#/signup`);
  await a.getByLabel('Email').fill(email);
  await a.getByLabel('Password').fill(password);
  await a.getByRole('button', { name: 'Create account' }).click();
  await a.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
});

afterAll(async () => {
  await laptop?.close();
  await other?.close();
  await stack?.stop();
});

test('a list is created from the sidebar, and quick add reads the full phrase', async () => {
  await sidebar(a).getByRole('button', { name: 'New list' }).click();
  const dialog = a.getByRole('dialog', { name: 'New list' });
  await dialog.getByLabel('Name').fill('Bills');
  await dialog.getByLabel('#b45309').check({ force: true });
  await dialog.getByRole('button', { name: 'Create list' }).click();
  await sidebar(a).getByRole('link', { name: 'Bills' }).waitFor();

  const input = a.getByLabel('New task');
  await input.click();
  await input.pressSequentially(PHRASE, { delay: 5 });
  const parts = a.getByRole('list', { name: 'Recognised' });
  for (const text of ['every month on the 1st', 'at 9am', '#home', '!high', '@Bills']) {
    await parts.getByRole('button', { name: new RegExp(`from “${text}”`) }).waitFor();
  }
  await expect(a.locator('.qa-mirror mark').allTextContents()).resolves.toEqual([
    'every month on the 1st',
    'at 9am',
    '#home',
    '!high',
    '@Bills',
  ]);
  // The preview: the due date, and the next occurrences from the recurring service.
  const preview = a.getByTestId('quick-add-preview');
  await preview.getByText(/then /).waitFor();
  await shot(a, 'quick-add-natural-language');

  await input.press('Enter');
  await quickAddIsEmpty(a);
  const task = await findTask('Pay rent');
  const bills = (await api<{ items: { id: string; name: string }[] }>('GET', '/api/tasks/lists')).items[0]!;
  expect(task).toMatchObject({
    title: 'Pay rent',
    priority: 'high',
    listId: bills.id,
    recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', mode: 'fixed-schedule' },
    tags: [{ name: 'home' }],
  });
  expect(task!.due).toMatchObject({ timeZone: ZONE });
  expect(task!.due!.dateTime).toMatch(new RegExp(`^${firstOccurrence()}T09:00`));
});

test('a recognised part is taken literally with Backspace right after it', async () => {
  const input = a.getByLabel('New task');
  await input.fill('');
  await input.pressSequentially('Read May tomorrow', { delay: 5 });
  const chip = a.getByRole('list', { name: 'Recognised' }).getByRole('button', { name: /from “tomorrow”/ });
  await chip.waitFor();
  await input.press('Backspace');
  await chip.waitFor({ state: 'detached' });
  await expect(input.inputValue()).resolves.toBe('Read May tomorrow');
  await input.press('Enter');
  await quickAddIsEmpty(a);
  const task = await findTask('Read May tomorrow');
  // Added from Today without a date of its own: due today, as any quick add there.
  expect(task).toMatchObject({ title: 'Read May tomorrow', due: { date: dateFrom(0, ZONE) } });
});

test('sidebar counts change live on another device', async () => {
  await signIn(b);
  await a.goto(`${stack.baseUrl}/#/today`);
  await a.locator('[data-testid="sync-indicator"].sync-live').waitFor();
  await waitCount(a, 'list Bills', 1);
  await waitCount(a, 'Inbox', 1); // "Read May tomorrow", due today
  await waitCount(a, 'Today', 1);
  const upcoming = await readCount(a, 'Upcoming'); // "Pay rent" when the 1st is within 7 days

  // On the other device: a task for tomorrow in Bills, one in the Inbox for today.
  await b.getByLabel('New task').fill('Water bill tomorrow @Bills');
  await b.getByLabel('New task').press('Enter');
  await quickAddIsEmpty(b);
  await b.getByLabel('New task').fill('Call the landlord today');
  await b.getByLabel('New task').press('Enter');
  await waitCount(a, 'list Bills', 2);
  await waitCount(a, 'Inbox', 2);
  await waitCount(a, 'Today', 2);
  await waitCount(a, 'Upcoming', upcoming + 1);
  await shot(a, 'sidebar');
  // Completed there: the counts go down here.
  await row(b, 'Call the landlord').getByRole('button', { name: 'Complete “Call the landlord”' }).click();
  await waitCount(a, 'Inbox', 1);
  await waitCount(a, 'Today', 1);
});

test('a whole session by the keyboard alone, with visible focus', async () => {
  await a.goto(`${stack.baseUrl}/#/all`);
  await waitIdle(a);
  const focusedTitle = async () =>
    JSON.parse(
      (await a.evaluate(`JSON.stringify({
        title: document.activeElement.classList.contains('task-title') ? document.activeElement.textContent : null,
        visible: document.activeElement.matches(':focus-visible'),
      })`)) as string,
    ) as { title: string | null; visible: boolean };

  // Quick add kept the focus after the last task added: Esc leaves it, q comes back to it.
  await a.keyboard.press('Escape');
  await expect(a.evaluate('document.activeElement?.id ?? null')).resolves.not.toBe('quick-add');
  await a.keyboard.press('q');
  await expect(a.evaluate('document.activeElement?.id')).resolves.toBe('quick-add');
  await a.keyboard.type('Buy stamps #errands !low');
  await a.keyboard.press('Enter');
  await row(a, 'Buy stamps')
    .waitFor()
    .catch(async (err: unknown) => {
      await a.screenshot({ path: '/tmp/qa-keyboard-fail.png' });
      throw err;
    });
  await a.keyboard.type('Post the parcel');
  await a.keyboard.press('Enter');
  await row(a, 'Post the parcel').waitFor();
  // Shortcuts are off while typing: "j" went into the field.
  await a.keyboard.type('j');
  await expect(a.getByLabel('New task').inputValue()).resolves.toBe('j');
  await a.keyboard.press('Backspace');
  await a.keyboard.press('Escape');

  const titles = await a.locator('.task-row .task-title').allTextContents();
  await a.keyboard.press('j');
  await expect(focusedTitle()).resolves.toEqual({ title: titles[0], visible: true });
  await a.keyboard.press('j');
  await expect(focusedTitle()).resolves.toEqual({ title: titles[1], visible: true });
  await a.keyboard.press('k');
  await expect(focusedTitle()).resolves.toEqual({ title: titles[0], visible: true });

  // Go to "Buy stamps" with j.
  const stampsAt = titles.indexOf('Buy stamps');
  for (let i = 0; i < stampsAt; i++) await a.keyboard.press('j');
  await expect(focusedTitle()).resolves.toMatchObject({ title: 'Buy stamps' });

  await a.keyboard.press('x');
  await row(a, 'Buy stamps').locator('input.select-box:checked').waitFor();
  await a.keyboard.press('x');
  await row(a, 'Buy stamps').locator('input.select-box:not(:checked)').waitFor();

  await a.keyboard.press('#');
  const tags = a.getByRole('dialog', { name: 'Tags of “Buy stamps”' });
  await tags.waitFor();
  await a.waitForFunction("document.activeElement?.id === 'editor-tags'");
  await a.keyboard.type('post-office');
  await a.keyboard.press('Enter');
  await tags.getByRole('button', { name: 'Remove tag post-office' }).waitFor();
  await a.keyboard.press('Enter');
  await tags.waitFor({ state: 'detached' });
  await row(a, 'Buy stamps').getByText('#post-office').waitFor();

  await a.keyboard.press('e');
  const editor = a.getByRole('dialog', { name: 'Edit task' });
  await editor.getByLabel('Title').waitFor();
  await a.keyboard.press('Escape');
  await editor.waitFor({ state: 'detached' });

  await a.keyboard.press('c');
  await row(a, 'Buy stamps').waitFor({ state: 'detached' });
  await expect(findTask('Buy stamps')).resolves.toMatchObject({ status: 'done' });

  // The cursor stays in the list: on the task that took the completed one's place.
  const next = await focusedTitle();
  expect(next.title).not.toBeNull();
  await a.keyboard.press('Delete');
  await row(a, next.title!).waitFor({ state: 'detached' });
  await a.getByText(`Deleted “${next.title}”`).waitFor();
  await a.keyboard.press('u');
  await row(a, next.title!).waitFor();

  await a.keyboard.press('?');
  const help = a.getByRole('dialog', { name: 'Keyboard shortcuts' });
  for (const what of ['Quick add a task', 'Search', 'Next task', 'Tag the task', 'Delete the task']) {
    await help.getByText(what, { exact: true }).waitFor();
  }
  await shot(a, 'keyboard-shortcuts');
  await a.keyboard.press('Escape');
  await help.waitFor({ state: 'detached' });

  await a.keyboard.press('/');
  await expect(a.evaluate('document.activeElement?.id')).resolves.toBe('search');
  await a.keyboard.type('parcel');
  await a.getByRole('heading', { level: 1, name: 'All tasks' }).waitFor();
  await row(a, 'Post the parcel').waitFor();
  await a.waitForFunction("document.querySelectorAll('.task-row').length === 1");
});

test('at phone width the sidebar is a drawer', async () => {
  const phone = await stack.newContext({ width: 390, height: 844 });
  try {
    const p = await phone.newPage();
    await signIn(p);
    await expect(sidebar(p).isVisible()).resolves.toBe(false);
    await p.getByRole('button', { name: 'Lists and tags' }).click();
    await sidebar(p).getByRole('link', { name: 'Bills' }).waitFor();
    await shot(p, 'sidebar-phone-drawer');
    const overflow = await p.evaluate('document.documentElement.scrollWidth > document.documentElement.clientWidth');
    expect(overflow).toBe(false);
    await sidebar(p).getByRole('link', { name: 'Bills' }).click();
    await p.getByRole('heading', { level: 1, name: 'Bills' }).waitFor();
    await sidebar(p).waitFor({ state: 'hidden' });
    await row(p, 'Pay rent').waitFor();
  } finally {
    await phone.close();
  }
});
