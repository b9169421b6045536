import { randomUUID } from 'node:crypto';
import {
  createTestDatabase,
  startJwksServer,
  startKitApp,
  testContext,
  testSecretsFile,
  waitFor,
  type KitAppUnderTest,
  type TestDatabase,
} from '@daybook/testing';
import { job, jobName } from './jobs';
import { dueTimeAt } from './sidecar';

let db: TestDatabase;
let jwks: Awaited<ReturnType<typeof startJwksServer>>;
let app: KitAppUnderTest;
const triggers: { name: string; data: unknown; at: number }[] = [];

beforeAll(async () => {
  db = await createTestDatabase(['scheduled']);
  const { file, secrets } = testSecretsFile(`/tmp/daybook-test-secrets-${randomUUID()}`);
  jwks = await startJwksServer(secrets);
  const ctx = testContext({
    databaseUrl: db.url,
    secretsFile: file,
    jwksUrl: jwks.url,
    appIds: ['scheduled'],
    name: 'jobs',
  });
  app = await startKitApp(ctx, {
    name: 'scheduled',
    jobs: () => [
      job('wake-up', async ({ name, data }) => {
        triggers.push({ name, data, at: Date.now() });
      }),
    ],
  });
});

afterAll(async () => {
  await app?.stop();
  await jwks?.close();
  await db?.drop();
});

test('a Dapr job scheduled 2 s ahead triggers its route exactly once, and not early', async () => {
  const name = jobName('wake-up', randomUUID());
  const dueAt = new Date(Date.now() + 2_000);
  await app.sidecar.client.scheduleJob(name, { dueTime: dueTimeAt(dueAt), data: { note: 'stretch' } });
  expect(await app.sidecar.client.getJob(name)).toMatchObject({ name });

  const fired = await waitFor('the job to trigger', () => triggers.find((t) => t.name === name), { timeoutMs: 30_000 });
  expect(fired.at).toBeGreaterThanOrEqual(dueAt.getTime());
  expect(fired.data).toEqual({ note: 'stretch' });
  // A one-shot job is removed by the Scheduler once delivered: nothing left to fire again.
  await waitFor(
    'the Scheduler to drop the delivered job',
    async () => (await app.sidecar.client.getJob(name)) === undefined,
  );
  expect(triggers.filter((t) => t.name === name)).toHaveLength(1);
});

test('a cancelled job never triggers', async () => {
  const cancelled = jobName('wake-up', randomUUID());
  const witness = jobName('wake-up', randomUUID());
  const dueTime = dueTimeAt(new Date(Date.now() + 1_500));
  await app.sidecar.client.scheduleJob(cancelled, { dueTime, data: {} });
  await app.sidecar.client.scheduleJob(witness, { dueTime, data: {} });
  await app.sidecar.client.deleteJob(cancelled);
  await waitFor('the witness job due at the same time', () => triggers.some((t) => t.name === witness), {
    timeoutMs: 30_000,
  });
  expect(triggers.some((t) => t.name === cancelled)).toBe(false);
  await app.sidecar.client.deleteJob(cancelled); // cancelling again is not an error
});
