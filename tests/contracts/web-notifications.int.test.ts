import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { reminderDue } from '@daybook/contracts';
import { startStack, waitFor, type Stack } from '@daybook/testing';
import { PACT_DIR, call, verifyProvider } from './pact-provider';

// The web app's contract with notifications (apps/web/pacts/daybook-web-notifications.json),
// verified against the real service beside its sidecar. A notification is made the real way:
// a task with a reminder a second ahead, fired by the Dapr Scheduler, reaching the inbox.
let stack: Stack;
let token: string;

beforeAll(async () => {
  stack = await startStack({
    name: 'pact-notifications',
    services: ['tasks', 'reminders', 'notifications'],
    consumes: { reminders: ['task-events'], notifications: [reminderDue.topic] },
  });
});

afterAll(async () => {
  await stack?.stop();
});

const as = <T>(base: string, path: string, init: { method?: string; body?: unknown } = {}) =>
  call<T>(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${token}` } }).then((r) => r.body);

/** The consumer sends a placeholder token: the state's user's real one replaces it. */
const realToken = (req: { headers: Record<string, string | string[] | undefined> }) => {
  if (req.headers.authorization === 'Bearer test-access-token') req.headers.authorization = `Bearer ${token}`;
};

test('notifications honours the web app contract', async () => {
  const { tasks, notifications } = stack.services;
  await verifyProvider({
    provider: 'notifications',
    providerBaseUrl: notifications!.baseUrl,
    pactFile: join(PACT_DIR, 'daybook-web-notifications.json'),
    requestFilter: realToken,
    // Each interaction gets a user of its own, so one's changes (read all, archive) do not meet another's.
    beforeEachState: () => {
      token = stack.token(randomUUID());
    },
    states: {
      'ada is signed in': async () => {},
      'ada has a notification': async () => {
        await as(tasks!.baseUrl, '/api/tasks', {
          body: {
            title: 'Water the plants',
            due: { dateTime: new Date(Date.now() + 86_400_000).toISOString().slice(0, 16), timeZone: 'UTC' },
            reminders: [{ type: 'absolute', at: new Date(Date.now() + 1_000).toISOString() }],
          },
        });
        const item = await waitFor(
          'the reminder in the inbox',
          async () => {
            const page = await as<{ items: { id: string; deliveries: unknown[] }[] }>(
              notifications!.baseUrl,
              '/api/notifications/inbox',
            );
            return page.items[0]?.deliveries.length ? page.items[0] : undefined;
          },
          { timeoutMs: 90_000, intervalMs: 300 },
        );
        return { notificationId: item.id, until: new Date(Date.now() + 86_400_000).toISOString() };
      },
    },
  });
});
