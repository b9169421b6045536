import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { REPO_ROOT } from '@daybook/substrate';
import { signedInApi, startStack, type Stack } from './stack';

// Issue 12, manual order: a list's tasks moved by the keyboard (Alt+↑/↓) and by dragging on
// the laptop show in their new order on the phone (a second browser context of the same
// user), live through realtime, and stay so after a reload. On the phone, where drag does
// not work on a touch screen, the row's Move up / Move down buttons move a task.
const email = `ordering-${Date.now()}@example.com`;
const password = 'correct horse battery';

let stack: Stack;
let laptop: BrowserContext;
let phone: BrowserContext;
let a: Page;
let b: Page;
let listId: string;

const row = (p: Page, title: string): Locator =>
  p.locator('.task-row', { has: p.getByRole('button', { name: title, exact: true }) });
const live = (p: Page) => p.locator('[data-testid="sync-indicator"].sync-live').waitFor();
const titles = (p: Page) => p.locator('ul.task-list > li.task-row .task-title').allTextContents();

/** Waits until the page lists exactly these tasks, in this order. */
async function waitForOrder(p: Page, expected: string[]) {
  // A string, evaluated in the page (this file is compiled without the DOM's types).
  await p.waitForFunction(
    `JSON.stringify([...document.querySelectorAll('ul.task-list > li.task-row .task-title')].map((e) => e.textContent)) === ${JSON.stringify(JSON.stringify(expected))}`,
    undefined,
    { timeout: 15_000 },
  );
  expect(await titles(p)).toEqual(expected);
}

/** The API as this test's person (signs in for each call). */
const api = <T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  signedInApi(stack.baseUrl, email, password)<T>(method, path, body, headers);

const SHOTS = join(REPO_ROOT, 'docs', 'screenshots');

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startStack('e2e-order', ['realtime'], { consumes: { realtime: ['task-events'] } });
  laptop = await stack.newContext({ height: 900 });
  phone = await stack.newContext({ width: 390, height: 844 });
  a = await laptop.newPage();
  b = await phone.newPage();
});

afterAll(async () => {
  await laptop?.close();
  await phone?.close();
  await stack?.stop();
});

test("two devices: a list reordered by keyboard, by drag and by the phone's move buttons on one is reordered on the other, live", async () => {
  await a.goto(`${stack.baseUrl}/#/signup`);
  await a.getByLabel('Email').fill(email);
  await a.getByLabel('Password').fill(password);
  await a.getByRole('button', { name: 'Create account' }).click();
  await a.getByRole('heading', { level: 1, name: 'Today' }).waitFor();

  listId = (await api<{ id: string }>('POST', '/api/tasks/lists', { name: 'Garden' })).id;
  for (const title of ['Dig', 'Plant', 'Water']) await api('POST', '/api/tasks', { title, listId });

  await b.goto(`${stack.baseUrl}/#/signin`);
  await b.getByLabel('Email').fill(email);
  await b.getByLabel('Password').fill(password);
  await b.getByRole('button', { name: 'Sign in' }).click();
  await b.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
  for (const p of [a, b]) {
    await p.goto(`${stack.baseUrl}/#/list/${listId}`);
    // The laptop loaded its lists before the list was made (lists have no events): load again.
    if (p === a) await p.reload();
    await p.getByRole('heading', { level: 1, name: 'Garden' }).waitFor();
    await waitForOrder(p, ['Dig', 'Plant', 'Water']);
  }
  await Promise.all([live(a), live(b)]);

  // The keyboard: Water up twice, to the top; the focus stays on it.
  await row(a, 'Water').getByRole('button', { name: 'Water', exact: true }).focus();
  await a.keyboard.press('Alt+ArrowUp');
  await waitForOrder(a, ['Dig', 'Water', 'Plant']);
  await a.keyboard.press('Alt+ArrowUp');
  await waitForOrder(a, ['Water', 'Dig', 'Plant']);
  await waitForOrder(b, ['Water', 'Dig', 'Plant']);
  expect(await a.evaluate('document.activeElement?.textContent')).toBe('Water');
  // And down once.
  await a.keyboard.press('Alt+ArrowDown');
  await waitForOrder(a, ['Dig', 'Water', 'Plant']);
  await waitForOrder(b, ['Dig', 'Water', 'Plant']);

  // The shortcut is in the ? help.
  await a.keyboard.press('?');
  const help = a.getByTestId('shortcut-help');
  await help.getByText('Move the task up or down in its list', { exact: false }).waitFor();
  await a.keyboard.press('Escape');
  await help.waitFor({ state: 'hidden' });

  // Dragging: Plant onto the upper half of Dig goes before it.
  await row(a, 'Plant').dragTo(row(a, 'Dig'), { targetPosition: { x: 40, y: 4 } });
  await waitForOrder(a, ['Plant', 'Dig', 'Water']);
  await waitForOrder(b, ['Plant', 'Dig', 'Water']);
  await a.screenshot({ path: join(SHOTS, 'manual-order-laptop.png') });

  // Kept on the server: a reload shows the same order.
  await b.reload();
  await b.getByRole('heading', { level: 1, name: 'Garden' }).waitFor();
  await waitForOrder(b, ['Plant', 'Dig', 'Water']);

  // The phone: Move up / Move down buttons on each row (the first has no up); the focus stays
  // on the moved task's button, so a second press (here Enter on the focused button) moves it again.
  const moveButton = (title: string, dir: 'up' | 'down') =>
    row(b, title).getByRole('button', { name: `Move “${title}” ${dir}`, exact: true });
  expect(await moveButton('Plant', 'up').isDisabled()).toBe(true);
  expect(await moveButton('Water', 'down').isDisabled()).toBe(true);
  await moveButton('Water', 'up').click();
  await waitForOrder(b, ['Plant', 'Water', 'Dig']);
  await waitForOrder(a, ['Plant', 'Water', 'Dig']);
  const focused = () => b.evaluate(`document.activeElement?.getAttribute('aria-label')`);
  expect(await focused()).toBe('Move “Water” up');
  await b.keyboard.press('Enter');
  await waitForOrder(b, ['Water', 'Plant', 'Dig']);
  await waitForOrder(a, ['Water', 'Plant', 'Dig']);
  // At the top its up button is disabled: the focus is on its down button.
  await b.waitForFunction(`document.activeElement?.getAttribute('aria-label') === 'Move “Water” down'`);
  await moveButton('Plant', 'down').click();
  await waitForOrder(b, ['Water', 'Dig', 'Plant']);
  await waitForOrder(a, ['Water', 'Dig', 'Plant']);
  await b.screenshot({ path: join(SHOTS, 'manual-order-phone.png') });
  await b.reload();
  await b.getByRole('heading', { level: 1, name: 'Garden' }).waitFor();
  await waitForOrder(b, ['Water', 'Dig', 'Plant']);
});
