import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { loginCodeRequested, reminderDue } from '@daybook/contracts';
import { REPO_ROOT } from '@daybook/substrate';
import { MailpitClient, dateTimeFrom } from '@daybook/testing';
import { signedInApi, startStack, type Stack } from './stack';

// Issue 10 in the browser: two devices of one user (two browser contexts) see each other's
// changes live through the gateway's /ws and the real realtime service; a reminder fires
// through the Scheduler into notifications and the bell's badge; preferences; sign-in with a
// code read from Mailpit. The tests run in order and share the two signed-in pages.
const SHOTS = join(REPO_ROOT, 'docs', 'screenshots');
const email = `grace-${Date.now()}@example.com`;
const password = 'correct horse battery';
const mailpit = new MailpitClient();

let stack: Stack;
let laptop: BrowserContext;
let phone: BrowserContext;
let a: Page;
let b: Page;

const shot = (p: Page, name: string) => p.screenshot({ path: join(SHOTS, `${name}.png`) });
const row = (p: Page, title: string): Locator =>
  p.locator('.task-row', { has: p.getByRole('button', { name: title, exact: true }) });
const live = (p: Page) => p.locator('[data-testid="sync-indicator"].sync-live').waitFor();
const bell = (p: Page) => p.getByTestId('bell');

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

/** The same user's API, as a third device would use it (a token from identity's login). */
/** The API as this test's person (signs in for each call). */
const api = <T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  signedInApi(stack.baseUrl, email, password)<T>(method, path, body, headers);

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startStack('e2e-live', ['reminders', 'notifications', 'realtime'], {
    consumes: {
      reminders: ['task-events', 'user-events'],
      notifications: [reminderDue.topic, loginCodeRequested.topic],
      realtime: ['task-events', 'reminder-events', 'notification-events'],
    },
  });
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

test('two devices of one user: what one does shows on the other without a reload', async () => {
  await a.goto(`${stack.baseUrl}/#/signup`);
  await a.getByLabel('Name (optional)').fill('Grace');
  await a.getByLabel('Email').fill(email);
  await a.getByLabel('Password').fill(password);
  await a.getByRole('button', { name: 'Create account' }).click();
  await a.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
  await signIn(b);
  await Promise.all([live(a), live(b)]);

  // Added on the laptop: appears on the phone.
  await quickAdd(a, 'Water the plants');
  await row(b, 'Water the plants').waitFor();
  await quickAdd(b, 'Call the dentist');
  await row(a, 'Call the dentist').waitFor();

  // Completed on the phone: leaves Today on the laptop.
  await b.getByRole('button', { name: 'Complete “Call the dentist”' }).click();
  await row(a, 'Call the dentist').waitFor({ state: 'detached' });

  // Renamed from a third device (the API): both show the new title.
  const [task] = (await api<{ items: { id: string; version: number; title: string }[] }>('GET', '/api/tasks?q=plants'))
    .items;
  await api('PATCH', `/api/tasks/${task!.id}`, { title: 'Water the ferns' }, { 'if-match': `"${task!.version}"` });
  await Promise.all([row(a, 'Water the ferns').waitFor(), row(b, 'Water the ferns').waitFor()]);

  // A list made, then renamed, from the third device: the laptop's sidebar follows.
  const list = await api<{ id: string }>('POST', '/api/tasks/lists', { name: 'Garden' });
  await a.getByRole('button', { name: 'Edit list Garden', exact: true }).waitFor();
  await api('PATCH', `/api/tasks/lists/${list.id}`, { name: 'Garden and balcony' });
  await a.getByRole('button', { name: 'Edit list Garden and balcony', exact: true }).waitFor();
  await shot(a, 'live-sync-laptop');
  await shot(b, 'live-sync-phone');
});

test('a task open in the editor that changes elsewhere shows the change instead of overwriting it', async () => {
  await row(a, 'Water the ferns').getByRole('button', { name: 'Water the ferns', exact: true }).click();
  const editor = a.getByRole('dialog', { name: 'Edit task' });
  await editor.getByLabel('Notes').fill('Twice a week in summer');

  // Meanwhile on the phone: the title changes.
  await row(b, 'Water the ferns').getByRole('button', { name: 'Water the ferns', exact: true }).click();
  const phoneEditor = b.getByRole('dialog', { name: 'Edit task' });
  await phoneEditor.getByLabel('Title').fill('Water the ferns and the palm');
  await phoneEditor.getByRole('button', { name: 'Save' }).click();
  await phoneEditor.waitFor({ state: 'detached' });

  const banner = editor.getByTestId('remote-change');
  await banner.getByText('Changed on another device while you were editing: Title.').waitFor();
  await shot(a, 'editor-changed-elsewhere');
  await banner.getByRole('button', { name: 'Keep mine' }).click();
  // Their title, my notes: both survive the save.
  await a.waitForFunction(
    `document.querySelector('#editor-title').value === 'Water the ferns and the palm'`,
    undefined,
    { timeout: 10_000 },
  );
  await editor.getByRole('button', { name: 'Save' }).click();
  await editor.waitFor({ state: 'detached' });
  const [saved] = (await api<{ items: { title: string; notes: string }[] }>('GET', '/api/tasks?q=palm')).items;
  expect(saved).toMatchObject({ title: 'Water the ferns and the palm', notes: 'Twice a week in summer' });
});

test('a reminder fires and its notification appears with the bell’s badge, live', async () => {
  const at = new Date(Math.ceil((Date.now() + 3000) / 1000) * 1000);
  await api('POST', '/api/tasks', {
    title: 'Take the medicine',
    due: { dateTime: dateTimeFrom(1, '09:00', 'Europe/London'), timeZone: 'Europe/London' },
    reminders: [{ type: 'absolute', at: at.toISOString() }],
  });
  // No reload: the badge comes from the pushed notification event.
  await bell(a)
    .and(a.getByRole('button', { name: 'Notifications, 1 unread' }))
    .waitFor({ timeout: 90_000 });
  await bell(b)
    .and(b.getByRole('button', { name: 'Notifications, 1 unread' }))
    .waitFor({ timeout: 30_000 });
  expect(await a.getByTestId('bell-badge').textContent()).toBe('1');
  await shot(b, 'phone-width');

  // The email goes out; the inbox shows its delivery.
  await mailpit.waitForMessages(email, 1, 60_000);
  await bell(a).click();
  const inbox = a.getByRole('dialog', { name: 'Notifications' });
  const item = inbox.getByTestId('inbox-item').filter({ hasText: 'Take the medicine' });
  await item.waitFor();
  await item.getByText('Email sent').waitFor({ timeout: 30_000 });
  await shot(a, 'bell-and-inbox');

  // Read on the laptop: the phone's badge goes too.
  await item.getByRole('button', { name: 'Mark read' }).click();
  await bell(b)
    .and(b.getByRole('button', { name: 'Notifications', exact: true }))
    .waitFor();
  await bell(b).click();
  const phoneInbox = b.getByRole('dialog', { name: 'Notifications' });
  await phoneInbox.getByTestId('inbox-item').filter({ hasText: 'Take the medicine' }).waitFor();
  await shot(b, 'phone-inbox');
  await phoneInbox.getByRole('button', { name: 'Close' }).click();

  // Complete the task from its notification.
  await item.getByRole('button', { name: 'Complete task' }).click();
  await a.getByText('Completed “Take the medicine”').waitFor();
  const [done] = (await api<{ items: { status: string }[] }>('GET', '/api/tasks?q=medicine')).items;
  expect(done!.status).toBe('done');

  // Archive: it leaves the inbox, and is under Archived.
  await item.getByRole('button', { name: 'Archive' }).click();
  await item.waitFor({ state: 'detached' });
  await inbox.getByRole('tab', { name: 'Archived' }).click();
  await inbox.getByTestId('inbox-item').filter({ hasText: 'Take the medicine' }).waitFor();
  await inbox.getByRole('button', { name: 'Close' }).click();
});

test('preferences: the channel matrix, quiet hours and the digest time are saved', async () => {
  await a.getByRole('link', { name: 'Notification preferences' }).click();
  await a.getByRole('heading', { level: 1, name: 'Notification preferences' }).waitFor();
  const loginCodes = a.getByLabel('Sign-in codes by Email: always on');
  expect(await loginCodes.isChecked()).toBe(true);
  expect(await loginCodes.isDisabled()).toBe(true);
  await a.getByLabel('Daily digest by Email').check();
  await a.getByLabel('Hold email during quiet hours').check();
  await a.getByLabel('From').fill('22:30');
  await a.getByLabel('Until').fill('07:00');
  await a.getByLabel('Send me a digest of the day').check();
  await a.getByLabel('At', { exact: true }).fill('07:45');
  await shot(a, 'notification-preferences');
  await a.getByRole('button', { name: 'Save preferences' }).click();
  await a.getByText('Preferences saved').waitFor();

  const prefs = await api<{
    channels: { digests: { email: boolean } };
    quietHours: unknown;
    digest: unknown;
  }>('GET', '/api/notifications/preferences');
  expect(prefs.channels.digests.email).toBe(true);
  expect(prefs.quietHours).toEqual({ enabled: true, start: '22:30', end: '07:00' });
  expect(prefs.digest).toEqual({ enabled: true, time: '07:45' });
});

test('sign-in with a code emailed through Mailpit', async () => {
  const device = await stack.newContext();
  try {
    const p = await device.newPage();
    await p.goto(`${stack.baseUrl}/#/signin/code`);
    await p.getByRole('textbox', { name: 'Email' }).fill(email);
    const before = (await mailpit.to(email)).length;
    await p.getByRole('button', { name: 'Email me a code' }).click();
    await p.getByRole('textbox', { name: 'Code' }).waitFor();
    const messages = await mailpit.waitForMessages(email, before + 1, 60_000);
    const code = /\b(\d{6})\b/.exec(messages.at(-1)!.Text)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    await p.getByRole('textbox', { name: 'Code' }).fill(code!);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await row(p, 'Water the ferns and the palm').waitFor();
    await live(p);
  } finally {
    await device.close();
  }
});

test('quiet hours: the notification is in the inbox at once, its email shown as held', async () => {
  // A window around now, in the user's zone (the browser's at sign-up: Europe/London).
  const hhmm = (d: Date) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(d);
  const prefs = await api<Record<string, unknown>>('GET', '/api/notifications/preferences');
  await api('PUT', '/api/notifications/preferences', {
    ...prefs,
    quietHours: {
      enabled: true,
      start: hhmm(new Date(Date.now() - 3_600_000)),
      end: hhmm(new Date(Date.now() + 2 * 3_600_000)),
    },
  });
  const at = new Date(Math.ceil((Date.now() + 3000) / 1000) * 1000);
  await api('POST', '/api/tasks', {
    title: 'Ring grandma',
    due: { dateTime: dateTimeFrom(2, '18:00', 'Europe/London'), timeZone: 'Europe/London' },
    reminders: [{ type: 'absolute', at: at.toISOString() }],
  });
  await bell(a)
    .and(a.getByRole('button', { name: 'Notifications, 1 unread' }))
    .waitFor({ timeout: 90_000 });
  await bell(a).click();
  const inbox = a.getByRole('dialog', { name: 'Notifications' });
  const item = inbox.getByTestId('inbox-item').filter({ hasText: 'Ring grandma' });
  await item.getByText('Email held for quiet hours').waitFor({ timeout: 30_000 });
  await shot(a, 'inbox-quiet-hours');
  await inbox.getByRole('button', { name: 'Close' }).click();
});

test('offline: the indicator says so, and what changed meanwhile arrives on reconnect', async () => {
  await a.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Today', exact: true }).click();
  await a.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
  await laptop.setOffline(true);
  await a.locator('[data-testid="sync-indicator"].sync-offline').waitFor();
  await shot(a, 'sync-offline');
  await quickAdd(b, 'Buy bread');
  await laptop.setOffline(false);
  // Resumed from its cursor: the missed change, without a reload.
  await row(a, 'Buy bread').waitFor();
  await live(a);
});

test('the realtime service restarts: the app reconnects and receives what it missed', async () => {
  const realtime = stack.services.realtime!;
  // A graceful stop tells every socket 1012 ("reconnect elsewhere"); there is no elsewhere here.
  await realtime.stopApp();
  await a.locator('[data-testid="sync-indicator"]:is(.sync-reconnecting, .sync-connecting)').waitFor();
  await shot(a, 'sync-reconnecting');
  await quickAdd(b, 'Post the letter');
  await realtime.startApp();
  // Back with the cursor: the change made meanwhile arrives, no reload.
  await row(a, 'Post the letter').waitFor({ timeout: 60_000 });
  await live(a);
});
