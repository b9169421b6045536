import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  createTestDatabase,
  dateFrom,
  dateTimeFrom,
  mintAccessToken,
  startJwksServer,
  startServiceUnderTest,
  testContext,
  testSecretsFile,
  type ServiceUnderTest,
  type TestDatabase,
} from '@daybook/testing';
import { PACT_DIR, call, verifyProvider } from './pact-provider';

// The web app's contract with tasks (apps/web/pacts/daybook-web-tasks.json), verified
// against the real tasks service beside its sidecar. Every provider state is set up
// through the tasks API, as the user "ada" — a new ada for each state, so that an
// interaction sees only what its own state made (a task another state made "due" must
// not appear in the Today or Upcoming of another interaction, whatever the day).
let db: TestDatabase;
let jwks: Awaited<ReturnType<typeof startJwksServer>>;
let tasks: ServiceUnderTest;
let token: string;
let mintToken: () => string;

beforeAll(async () => {
  db = await createTestDatabase(['tasks']);
  const s = testSecretsFile(`/tmp/daybook-test-secrets-${randomUUID()}`);
  jwks = await startJwksServer(s.secrets);
  const ctx = testContext({
    databaseUrl: db.url,
    secretsFile: s.file,
    jwksUrl: jwks.url,
    appIds: ['tasks'],
    name: 'pact-tasks',
  });
  tasks = await startServiceUnderTest(ctx, 'tasks');
  mintToken = () => mintAccessToken(s.secrets, randomUUID(), { expiresInSeconds: 3600 });
  token = mintToken();
});

afterAll(async () => {
  await tasks?.stop();
  await jwks?.close();
  await db?.drop();
});

type Task = { id: string; version: number };
const api = <T = Task>(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) =>
  call<T>(`${tasks.baseUrl}/api/tasks${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...init.headers },
  }).then((r) => r.body);

const today = (offsetDays = 0) => dateFrom(offsetDays, 'Europe/London');

async function ensureTag(name: string): Promise<string> {
  const { items } = await api<{ items: { id: string; name: string }[] }>('/tags');
  return items.find((t) => t.name === name)?.id ?? (await api<{ id: string }>('/tags', { body: { name } })).id;
}

async function ensureList(name: string): Promise<string> {
  const { items } = await api<{ items: { id: string; name: string }[] }>('/lists');
  return items.find((l) => l.name === name)?.id ?? (await api<{ id: string }>('/lists', { body: { name } })).id;
}

const create = (body: Record<string, unknown>) => api('', { body: { title: 'Water the plants', ...body } });

test('tasks honours the web app contract', async () => {
  await verifyProvider({
    provider: 'tasks',
    providerBaseUrl: tasks.baseUrl,
    pactFile: join(PACT_DIR, 'daybook-web-tasks.json'),
    // The consumer sends a placeholder token: ada's real one replaces it. Other tokens
    // (the "invalid token" interaction) pass through untouched.
    requestFilter: (req) => {
      if (req.headers.authorization === 'Bearer test-access-token') req.headers.authorization = `Bearer ${token}`;
    },
    beforeEachState: () => {
      token = mintToken();
    },
    states: {
      'ada has a high-priority task tagged "home"': async () => {
        const tagId = await ensureTag('home');
        await create({ title: 'Fix the gate', priority: 'high', tagIds: [tagId] });
        return { tagId };
      },
      'ada has 3 tasks': async () => {
        for (const title of ['Alpha', 'Bravo', 'Charlie']) await create({ title });
      },
      'ada has a task about begonias': async () => {
        await create({ title: 'Repot the begonias', notes: 'Use the peat-free compost.' });
      },
      'ada has an overdue task': async () => {
        await create({ title: 'Renew the passport', due: { date: '2020-01-06' } });
      },
      'ada has a task due today': async () => {
        // Due by the day as London reckons it, the zone the views are asked in (this user
        // has no account zone: without it the day would end at UTC midnight, after London's
        // on a summer day).
        await create({ title: 'Call the dentist', due: { date: today(), timeZone: 'Europe/London' } });
      },
      'ada has a task due in three days': async () => {
        await create({ title: 'Book the train', due: { date: today(3), timeZone: 'Europe/London' } });
      },
      'ada has the tag "home" and the list "Errands"': async () => ({
        tagId: await ensureTag('home'),
        listId: await ensureList('Errands'),
      }),
      'ada has a task': async () => {
        const t = await create({});
        return { taskId: t.id, version: t.version };
      },
      'ada has two tasks in the Inbox': async () => {
        const t = await create({});
        const other = await create({ title: 'Feed the cat' });
        return { taskId: t.id, version: t.version, otherId: other.id };
      },
      'ada has a task with two open subtasks': async () => {
        const t = await create({});
        await create({ title: 'Buy compost', parentId: t.id });
        await create({ title: 'Find the trowel', parentId: t.id });
        return { taskId: t.id, version: t.version };
      },
      'ada has a task with two subtasks, one of them done': async () => {
        const t = await create({});
        await create({ title: 'Buy compost', parentId: t.id });
        const done = await create({ title: 'Find the trowel', parentId: t.id });
        await api(`/${done.id}/complete`, { method: 'POST', headers: { 'if-match': `"${done.version}"` } });
        return { taskId: t.id, version: t.version };
      },
      'ada has a recurring task': async () => {
        const t = await create({
          // Beyond the Upcoming window, so that interaction sees only the task due in three days.
          due: { dateTime: dateTimeFrom(30, '09:00', 'Europe/London'), timeZone: 'Europe/London' },
          recurrence: { rrule: 'FREQ=DAILY', mode: 'after-completion' },
        });
        return { taskId: t.id, version: t.version };
      },
      'ada has a task that was changed elsewhere': async () => {
        const t = await create({ title: 'Original title' });
        await api(`/${t.id}`, {
          method: 'PATCH',
          body: { title: 'Their title' },
          headers: { 'if-match': `"${t.version}"` },
        });
        return { taskId: t.id };
      },
      'ada has a completed task': async () => {
        const t = await create({});
        const done = await api(`/${t.id}/complete`, { method: 'POST', headers: { 'if-match': `"${t.version}"` } });
        return { taskId: done.id, version: done.version };
      },
      'ada has a deleted task': async () => {
        const t = await create({});
        await api<unknown>(`/${t.id}`, { method: 'DELETE' });
        return { taskId: t.id };
      },
      'ada has a task and the tag "home"': async () => {
        const t = await create({});
        return { taskId: t.id, version: t.version, tagId: await ensureTag('home') };
      },
    },
  });
});
