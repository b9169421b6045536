// Shared by the consumer contracts (*.pact.test.ts): the consumer's name, where pacts go,
// and matchers for the shapes docs/api.md describes.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MatchersV3, type PactV3, type V3MockServer } from '@pact-foundation/pact/src/v3';

const { like, uuid, integer } = MatchersV3;

export const CONSUMER = 'daybook-web';
export const PACT_DIR = join(__dirname, '..', '..', 'pacts');

export const USER_ID = '0b6c1c84-6d2f-4d8e-9d6e-2a4f6b1f9a10';
export const TASK_ID = '5d1f6f2e-8a6b-4b7e-9f0a-2f6d3c1b9e47';
export const TAG_ID = '9a3e2b7c-1d4f-4e6a-8b5c-7f2e1d0c9b8a';
export const LIST_ID = '3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9';
export const INSTANT = '2026-11-22T09:00:00.000Z';
export const INSTANT_END = '2026-11-22T23:59:59.999Z';

export const userLike = () =>
  like({
    id: uuid(USER_ID),
    email: 'ada@example.com',
    displayName: 'Ada',
    timeZone: 'Europe/London',
    createdAt: INSTANT,
  });

export const sessionLike = () => ({
  user: userLike(),
  accessToken: like('eyJhbGciOiJFUzI1NiJ9.e30.c2ln'),
  accessTokenExpiresAt: like(INSTANT),
  refreshToken: like('rt_opaque-refresh-token'),
});

export const errorLike = (message?: string) => ({
  error: { code: like('unauthorized'), message: message ?? like('what went wrong') },
});

/** A task as the API returns it, every field matched by type. */
export const taskLike = (overrides: Record<string, unknown> = {}) =>
  like({
    id: uuid(TASK_ID),
    title: 'Water the plants',
    notes: '',
    status: 'open',
    priority: 'none',
    tags: [],
    listId: null,
    due: null,
    dueAt: null,
    reminders: [],
    recurrence: null,
    seriesId: null,
    version: integer(1),
    createdAt: INSTANT,
    updatedAt: INSTANT,
    completedAt: null,
    deletedAt: null,
    ...overrides,
  });

export const tagLike = () => like({ id: uuid(TAG_ID), name: 'home', color: null });
export const listLike = () => like({ id: uuid(LIST_ID), name: 'Errands' });

interface MockServerState {
  mockServerMatchedSuccessfully(port: number): boolean;
}

/**
 * pact.executeTest, then waits until the mock server has recorded the request: it answers
 * before it records, and under load executeTest can ask too early and report a request
 * that arrived as "expected but not received".
 */
export function executeTest(pact: PactV3, test: (mock: V3MockServer) => Promise<void>): Promise<void> {
  return pact.executeTest(async (mock) => {
    await test(mock);
    const server = (pact as unknown as { pact: MockServerState }).pact;
    const deadline = Date.now() + 2000;
    while (!server.mockServerMatchedSuccessfully(mock.port) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  });
}

/**
 * Jest hooks for one provider's pact file. Interactions merge into an existing file, so
 * it starts from none (a renamed or removed interaction must not linger); at the end it is
 * written in the repository's Prettier format, so `npm run lint` stays clean.
 */
export function pactFileLifecycle(provider: string): void {
  const file = join(PACT_DIR, `${CONSUMER}-${provider}.json`);
  beforeAll(() => rmSync(file, { force: true }));
  afterAll(() => {
    const prettier = join(dirname(require.resolve('prettier/package.json')), 'bin', 'prettier.cjs');
    execFileSync(process.execPath, [prettier, '--write', '--log-level', 'warn', file]);
  });
}
