import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { startStack, waitFor, type Stack } from '@daybook/testing';
import { PACT_DIR, call, verifyProvider } from './pact-provider';

// The web app's contracts with recurring (apps/web/pacts/daybook-web-recurring.json) and
// reminders (daybook-web-reminders.json), verified against the real services beside their
// sidecars. A fired reminder is made the real way: a task created through the tasks API
// with a reminder a second ahead, scheduled and fired by the Dapr Scheduler.
let stack: Stack;
const ada = randomUUID();
let token: string;

beforeAll(async () => {
  stack = await startStack({
    name: 'pact-recurring-reminders',
    services: ['tasks', 'recurring', 'reminders'],
    consumes: { reminders: ['task-events'] },
  });
  token = stack.token(ada);
});

afterAll(async () => {
  await stack?.stop();
});

const asAda = <T>(base: string, path: string, init: { method?: string; body?: unknown } = {}) =>
  call<T>(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${token}` } }).then((r) => r.body);

/** The consumer sends a placeholder token: ada's real one replaces it. */
const realToken = (req: { headers: Record<string, string | string[] | undefined> }) => {
  if (req.headers.authorization === 'Bearer test-access-token') req.headers.authorization = `Bearer ${token}`;
};

test('recurring honours the web app contract', async () => {
  await verifyProvider({
    provider: 'recurring',
    providerBaseUrl: stack.services.recurring!.baseUrl,
    pactFile: join(PACT_DIR, 'daybook-web-recurring.json'),
    requestFilter: realToken,
    states: { 'ada is signed in': async () => {} },
  });
});

test('reminders honours the web app contract', async () => {
  const { tasks, reminders } = stack.services;
  await verifyProvider({
    provider: 'reminders',
    providerBaseUrl: reminders!.baseUrl,
    pactFile: join(PACT_DIR, 'daybook-web-reminders.json'),
    requestFilter: realToken,
    states: {
      'ada is signed in': async () => {},
      'ada has a task with a fired reminder': async () => {
        const task = await asAda<{ id: string; reminders: { id: string }[] }>(tasks!.baseUrl, '/api/tasks', {
          body: {
            title: 'Water the plants',
            due: { dateTime: new Date(Date.now() + 86_400_000).toISOString().slice(0, 16), timeZone: 'UTC' },
            reminders: [{ type: 'absolute', at: new Date(Date.now() + 1_000).toISOString() }],
          },
        });
        await waitFor('the reminder to fire', async () => {
          const { items } = await asAda<{ items: { status: string }[] }>(
            reminders!.baseUrl,
            `/api/reminders?taskId=${task.id}`,
          );
          return items[0]?.status === 'fired';
        });
        const until = new Date(Date.now() + 86_400_000).toISOString();
        return { taskId: task.id, reminderId: task.reminders[0]!.id, until };
      },
    },
  });
});
