import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { Client } from 'pg';
import { loginCodeRequested, reminderDue } from '@daybook/contracts';
import {
  asUser,
  dateTimeFrom,
  MailpitClient,
  startStack,
  waitFor,
  type ServiceUnderTest,
  type Stack,
} from '@daybook/testing';

// Issue 10, notifications on the real stack: identity, tasks, reminders and notifications
// beside their sidecars, Kafka, the Scheduler and the tests' Mailpit. A login code travels
// identity → Kafka → notifications → SMTP → Mailpit and signs in; a task's reminder fires
// through the Scheduler into the inbox and an email whose one-click unsubscribe works.
let stack: Stack;
let identity: ServiceUnderTest;
let tasks: ServiceUnderTest;
let notifications: ServiceUnderTest;
const mailpit = new MailpitClient();

beforeAll(async () => {
  stack = await startStack({
    name: 'notifications',
    services: ['identity', 'tasks', 'reminders', 'notifications'],
    consumes: {
      reminders: ['task-events', 'user-events'],
      notifications: [reminderDue.topic, loginCodeRequested.topic],
    },
  });
  ({ identity, tasks, notifications } = stack.services as {
    identity: ServiceUnderTest;
    tasks: ServiceUnderTest;
    notifications: ServiceUnderTest;
  });
});

afterAll(async () => {
  await stack?.stop();
});

async function post<T>(base: string, path: string, body: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function signUp(timeZone = 'Europe/London') {
  const email = `n-${randomBytes(6).toString('hex')}@example.com`;
  const signup = await post<{ user: { id: string } }>(identity.baseUrl, '/api/identity/signup', {
    email,
    password: 'correct horse battery',
    timeZone,
  });
  expect(signup.status).toBe(201);
  const userId = signup.body.user.id;
  const http = asUser(stack.token(userId));
  const api = <T>(method: string, path: string, body?: unknown) =>
    http<T>(notifications.baseUrl, method, `/api/notifications${path}`, body);
  return {
    email,
    userId,
    api,
    tasks: <T>(method: string, path: string, body?: unknown) => http<T>(tasks.baseUrl, method, path, body),
  };
}

interface Item {
  id: string;
  title: string;
  state: string;
  category: string;
  link: { taskId?: string } | null;
  deliveries: { channel: string; status: string; attempts: number }[];
}
interface Page {
  items: Item[];
  nextCursor: string | null;
  counts: { unread: number; unseen: number };
}

test('a login code is emailed through Mailpit and the emailed code signs in', async () => {
  const { email, userId } = await signUp();
  expect((await post(identity.baseUrl, '/api/identity/login-code', { email })).status).toBe(202);
  const [message] = await mailpit.waitForMessages(email, 1, 60_000);
  const code = /\b(\d{6})\b/.exec(message!.Text)?.[1];
  expect(code).toMatch(/^\d{6}$/);
  expect(message!.Subject).toContain(code);
  const signedIn = await post<{ user: { id: string } }>(identity.baseUrl, '/api/identity/login-code/verify', {
    email,
    code,
  });
  expect(signedIn.status).toBe(200);
  expect(signedIn.body.user.id).toBe(userId);

  // Notifications opened it only to send it: no log of the run (services at debug level,
  // their sidecars) and no row of notifications' holds it.
  const logs = logFilesUnder(stack.ctx.logDir);
  expect(logs.some((f) => f.includes('notifications'))).toBe(true);
  expect(logs.filter((file) => readFileSync(file, 'utf8').includes(code!))).toEqual([]);
  const client = new Client({ connectionString: stack.db.url });
  await client.connect();
  try {
    const rows = await client.query(`SELECT d::text AS row FROM notifications.deliveries d WHERE user_id = $1`, [
      userId,
    ]);
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0].row).toContain('sealedCode');
    expect(rows.rows[0].row).not.toContain(code);
  } finally {
    await client.end();
  }
});

/** Every log file under a directory, recursively (each service's and each daprd's). */
function logFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? logFilesUnder(join(dir, entry.name))
      : entry.name.endsWith('.log')
        ? [join(dir, entry.name)]
        : [],
  );
}

test('a reminder fires into the inbox and an email whose one-click unsubscribe works without signing in', async () => {
  const ada = await signUp('Europe/Paris');
  const at = new Date(Math.ceil((Date.now() + 3000) / 1000) * 1000);
  const task = await ada.tasks<{ id: string }>('POST', '/api/tasks', {
    title: 'Call the dentist',
    due: { dateTime: dateTimeFrom(1, '09:00', 'Europe/Paris'), timeZone: 'Europe/Paris' },
    reminders: [{ type: 'absolute', at: at.toISOString() }],
  });
  expect(task.status).toBe(201);

  const page = await waitFor(
    'the reminder in the inbox',
    async () => {
      const r = await ada.api<Page>('GET', '/inbox');
      return r.body.items.length > 0 ? r.body : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 300 },
  );
  expect(page.items[0]).toMatchObject({
    title: 'Call the dentist',
    category: 'reminders',
    state: 'unseen',
    link: { taskId: task.body.id },
  });
  expect(page.counts).toEqual({ unread: 1, unseen: 1 });

  const [message] = await mailpit.waitForMessages(ada.email, 1, 60_000);
  expect(message!.Subject).toBe('Call the dentist');
  expect(message!.Text).toMatch(/Due \w+ \d+ \w+ at 09:00/); // in the user's zone
  expect(message!.headers['List-Unsubscribe-Post']).toEqual(['List-Unsubscribe=One-Click']);
  const link = new URL(/^<([^>]+)>$/.exec(message!.headers['List-Unsubscribe']![0]!)![1]!);
  const sent = await waitFor('the email to show as sent', async () => {
    const r = await ada.api<Page>('GET', '/inbox');
    const email = r.body.items[0]?.deliveries.find((d) => d.channel === 'email');
    return email?.status === 'sent' ? email : undefined;
  });
  expect(sent.attempts).toBe(1);

  // What a mail client does for RFC 8058: POST List-Unsubscribe=One-Click to the link, no sign-in.
  const unsubscribe = `${notifications.baseUrl}${link.pathname}${link.search}`;
  const confirm = await fetch(unsubscribe);
  expect(confirm.status).toBe(200);
  expect(await confirm.text()).toContain('<form method="post"');
  const oneClick = await fetch(unsubscribe, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });
  expect(oneClick.status).toBe(200);
  const prefs = await ada.api<{ channels: { reminders: { email: boolean; inApp: boolean } } }>('GET', '/preferences');
  expect(prefs.body.channels.reminders).toEqual({ inApp: true, email: false });

  const forged = await fetch(`${notifications.baseUrl}/api/notifications/unsubscribe?token=${randomUUID()}.x`, {
    method: 'POST',
  });
  expect(forged.status).toBe(404);
});

test('the inbox API: read, counts, another user’s item is 404, bad input is a 400 naming the field', async () => {
  const ada = await signUp();
  const bob = await signUp();
  const at = new Date(Math.ceil((Date.now() + 2000) / 1000) * 1000);
  await ada.tasks('POST', '/api/tasks', { title: 'Pay rent', reminders: [{ type: 'absolute', at: at.toISOString() }] });
  const item = await waitFor('the item', async () => (await ada.api<Page>('GET', '/inbox')).body.items[0], {
    timeoutMs: 90_000,
    intervalMs: 300,
  });

  expect((await ada.api<{ counts: object }>('POST', '/inbox/seen')).body.counts).toEqual({ unread: 1, unseen: 0 });
  const read = await ada.api<{ notification: Item; counts: object }>('POST', `/${item.id}/read`);
  expect(read.status).toBe(200);
  expect(read.body.notification.state).toBe('read');
  expect(read.body.counts).toEqual({ unread: 0, unseen: 0 });
  expect((await ada.api('GET', '/counts')).body).toEqual({ unread: 0, unseen: 0 });

  expect((await bob.api('POST', `/${item.id}/archive`)).status).toBe(404);
  expect((await bob.api<Page>('GET', '/inbox')).body.items).toEqual([]);
  expect((await fetch(`${notifications.baseUrl}/api/notifications/inbox`)).status).toBe(401);

  const problems = (body: unknown) =>
    (body as { error: { details: { problems: { field: string }[] } } }).error.details.problems.map((p) => p.field);
  const badId = await ada.api('POST', '/not-a-uuid/read');
  expect(badId.status).toBe(400);
  expect(problems(badId.body)).toEqual(['params.id']);
  const badLimit = await ada.api('GET', '/inbox?limit=500&view=trash');
  expect(badLimit.status).toBe(400);
  expect(problems(badLimit.body).sort()).toEqual(['query.limit', 'query.view']);
  const past = await ada.api('POST', `/${item.id}/snooze`, { until: new Date(Date.now() - 60_000).toISOString() });
  expect(past.status).toBe(400);
  expect(problems(past.body)).toEqual(['body.until']);

  const prefs = (await ada.api<Record<string, unknown>>('GET', '/preferences')).body;
  const badPrefs = await ada.api('PUT', '/preferences', {
    ...prefs,
    channels: { ...(prefs.channels as object), loginCodes: { email: false } },
    quietHours: { enabled: true, start: '25:00', end: '07:00' },
  });
  expect(badPrefs.status).toBe(400);
  expect(problems(badPrefs.body).sort()).toEqual(['body.channels.loginCodes.email', 'body.quietHours.start']);
  const good = await ada.api<{ quietHours: object; timeZone: string }>('PUT', '/preferences', {
    ...prefs,
    quietHours: { enabled: true, start: '23:00', end: '06:30' },
  });
  expect(good.status).toBe(200);
  expect(good.body).toMatchObject({
    timeZone: 'Europe/London',
    quietHours: { enabled: true, start: '23:00', end: '06:30' },
  });
});

test('quiet hours hold the email while the item is in the inbox at once; the Scheduler releases it when they end', async () => {
  const ada = await signUp('Asia/Kolkata');
  // A window from this minute to the next, in the user's zone; started early enough in the
  // minute that the reminder lands inside it (a condition on the clock, not a sleep).
  await waitFor('the first 40 seconds of a minute', () => new Date().getUTCSeconds() < 40, {
    timeoutMs: 30_000,
    intervalMs: 250,
  });
  const local = DateTime.now().setZone('Asia/Kolkata');
  const prefs = (await ada.api<Record<string, unknown>>('GET', '/preferences')).body;
  const window = { enabled: true, start: local.toFormat('HH:mm'), end: local.plus({ minutes: 1 }).toFormat('HH:mm') };
  expect((await ada.api('PUT', '/preferences', { ...prefs, quietHours: window })).status).toBe(200);
  const windowEnds = local.plus({ minutes: 1 }).startOf('minute');

  const at = new Date(Math.ceil((Date.now() + 1000) / 1000) * 1000);
  await ada.tasks('POST', '/api/tasks', {
    title: 'Quiet one',
    reminders: [{ type: 'absolute', at: at.toISOString() }],
  });
  const held = await waitFor(
    'the item, its email held',
    async () => {
      const item = (await ada.api<Page>('GET', '/inbox')).body.items[0];
      return item?.deliveries.find((d) => d.channel === 'email')?.status === 'held' ? item : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 200 },
  );
  expect(held.title).toBe('Quiet one');
  expect(await mailpit.to(ada.email)).toEqual([]);

  const [message] = await mailpit.waitForMessages(ada.email, 1, 120_000);
  expect(message!.Subject).toBe('Quiet one');
  expect(new Date(message!.Date).getTime()).toBeGreaterThanOrEqual(windowEnds.toMillis() - 1000);
  const sent = (await ada.api<Page>('GET', '/inbox')).body.items[0]!;
  expect(sent.deliveries.find((d) => d.channel === 'email')?.status).toBe('sent');
});
