// Consumer contract: the audit service's history of a task, through the real client module
// (audit.ts over http.ts), as the task editor's History panel reads it. Verified against
// the real service in tests/contracts/web-audit.int.test.ts.
// The v3 entry point only: the package root also loads the provider verifier (ESM-only deps).
import { MatchersV3, PactV3 } from '@pact-foundation/pact/src/v3';
import { auditApi } from './audit';
import { ApiError, createHttp } from './http';
import {
  CONSUMER,
  executeTest,
  pactFileLifecycle,
  INSTANT,
  PACT_DIR,
  TASK_ID,
  USER_ID,
  errorLike,
} from './pact-fixtures';

const { eachLike, like, regex, uuid, fromProviderState } = MatchersV3;

const TOKEN = 'test-access-token';
const auth = { authorization: regex(/^Bearer .+/, `Bearer ${TOKEN}`) };
const http = (url: string) => createHttp({ baseUrl: url, accessToken: () => TOKEN });

describe('audit, as the web app uses it', () => {
  const pact = new PactV3({ consumer: CONSUMER, provider: 'audit', dir: PACT_DIR, logLevel: 'warn' });
  pactFileLifecycle('audit');

  test("a task's latest change: who, when, before, after and the field-level diff", async () => {
    pact
      .given('ada has a task she renamed')
      .uponReceiving("the newest page of a task's history")
      .withRequest({
        method: 'GET',
        path: fromProviderState('/api/audit/entities/task/${taskId}', `/api/audit/entities/task/${TASK_ID}`),
        headers: auth,
        query: { limit: '1' },
      })
      .willRespondWith({
        status: 200,
        body: {
          items: eachLike(
            {
              eventId: like('6a0c3f0e-6a43-4c0e-9d0f-3e4b5c6d7e8f'),
              eventType: 'daybook.task.updated.v1',
              entityType: 'task',
              entityId: uuid(TASK_ID),
              userId: uuid(USER_ID),
              actor: regex(/^(user|service):.+$/, `user:${USER_ID}`),
              before: like({ title: 'Water the plants' }),
              after: like({ title: 'Water the ferns' }),
              changes: eachLike({ path: like('title'), kind: regex(/^(added|removed|changed)$/, 'changed') }),
              occurredAt: like(INSTANT),
              correlationId: like('3f9c2a1e-0b4d-4e8f-a7c6-d5e4f3a2b1c0'),
              causationId: like('3f9c2a1e-0b4d-4e8f-a7c6-d5e4f3a2b1c0'),
              recordedAt: like(INSTANT),
              id: regex(/^\d+$/, '42'),
            },
            1,
          ),
          // The creation is older: there is a next page.
          nextCursor: regex(/^\d+$/, '42'),
        },
      });
    await executeTest(pact, async (mock) => {
      const page = await auditApi(http(mock.url)).entityHistory('task', TASK_ID, { limit: 1 });
      expect(page.items[0]!.changes![0]!.path).toBe('title');
      expect(page.nextCursor).toBe('42');
    });
  });

  test("another user's task (or none) has no history: 404", async () => {
    pact
      .given('ada is signed in')
      .uponReceiving("the history of a task that is not ada's")
      .withRequest({
        method: 'GET',
        path: `/api/audit/entities/task/${TASK_ID}`,
        headers: auth,
        query: { limit: '10' },
      })
      .willRespondWith({ status: 404, body: errorLike() });
    await executeTest(pact, async (mock) => {
      const err = await auditApi(http(mock.url))
        .entityHistory('task', TASK_ID, { limit: 10 })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).status).toBe(404);
    });
  });
});
