import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { startStack, waitFor, type Stack } from '@daybook/testing';
import { PACT_DIR, call, verifyProvider } from './pact-provider';

// The web app's contract with audit (apps/web/pacts/daybook-web-audit.json), verified
// against the real service beside its sidecar. The history is made the real way: a task
// created and renamed through the tasks API, its events carried to audit over Kafka.
let stack: Stack;
const ada = randomUUID();
let token: string;

beforeAll(async () => {
  stack = await startStack({
    name: 'pact-audit',
    services: ['tasks', 'audit'],
    consumes: { audit: ['task-events'] },
  });
  token = stack.token(ada);
});

afterAll(async () => {
  await stack?.stop();
});

const asAda = <T>(
  base: string,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) =>
  call<T>(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } }).then(
    (r) => r.body,
  );

/** The consumer sends a placeholder token: ada's real one replaces it. */
const realToken = (req: { headers: Record<string, string | string[] | undefined> }) => {
  if (req.headers.authorization === 'Bearer test-access-token') req.headers.authorization = `Bearer ${token}`;
};

test('audit honours the web app contract', async () => {
  const { tasks, audit } = stack.services;
  await verifyProvider({
    provider: 'audit',
    providerBaseUrl: audit!.baseUrl,
    pactFile: join(PACT_DIR, 'daybook-web-audit.json'),
    requestFilter: realToken,
    states: {
      'ada is signed in': async () => {},
      'ada has a task she renamed': async () => {
        const task = await asAda<{ id: string; version: number }>(tasks!.baseUrl, '/api/tasks', {
          body: { title: 'Water the plants' },
        });
        await asAda(tasks!.baseUrl, `/api/tasks/${task.id}`, {
          method: 'PATCH',
          body: { title: 'Water the ferns' },
          headers: { 'if-match': `"${task.version}"` },
        });
        await waitFor('both changes in the history', async () => {
          const res = await fetch(`${audit!.baseUrl}/api/audit/entities/task/${task.id}`, {
            headers: { authorization: `Bearer ${token}` },
          });
          return res.ok && ((await res.json()) as { items: unknown[] }).items.length === 2;
        });
        return { taskId: task.id };
      },
    },
  });
});
