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
import { z } from 'zod';
import { defineJob, job, jobName } from './jobs';
import { dueTimeAt } from './sidecar';

// One job kind declared once: the test schedules it through the kit and receives it typed.
const wakeUp = defineJob({ kind: 'wake-up', data: z.object({ note: z.string() }).strict() });

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
      job(wakeUp, async (data, { name }) => {
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
  const id = randomUUID();
  const name = jobName(wakeUp.kind, id);
  const dueAt = new Date(Date.now() + 2_000);
  await app.running.kit.jobs.schedule(wakeUp, id, { at: dueAt }, { note: 'stretch' });
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
  const [cancelled, witness] = [randomUUID(), randomUUID()];
  const at = new Date(Date.now() + 1_500);
  const { jobs } = app.running.kit;
  await jobs.schedule(wakeUp, cancelled, { at }, { note: 'never' });
  await jobs.schedule(wakeUp, witness, { at }, { note: 'witness' });
  await jobs.cancel(wakeUp, cancelled);
  await waitFor(
    'the witness job due at the same time',
    () => triggers.some((t) => t.name === jobName(wakeUp.kind, witness)),
    { timeoutMs: 30_000 },
  );
  expect(triggers.some((t) => t.name === jobName(wakeUp.kind, cancelled))).toBe(false);
  await jobs.cancel(wakeUp, cancelled); // cancelling again is not an error
});

test('data that breaks the definition is refused on both sides: never sent, never handled', async () => {
  const { jobs } = app.running.kit;
  await expect(jobs.schedule(wakeUp, randomUUID(), { at: new Date() }, { note: 42 } as never)).rejects.toThrow();
  // A trigger with bad data (scheduled around the kit) is dropped as handled, not retried.
  const name = jobName(wakeUp.kind, randomUUID());
  await app.sidecar.client.scheduleJob(name, { dueTime: dueTimeAt(new Date()), data: { note: 42 } });
  await waitFor(
    'the Scheduler to drop the trigger',
    async () => (await app.sidecar.client.getJob(name)) === undefined,
    {
      timeoutMs: 30_000,
    },
  );
  const metrics = await app.running.kit.metrics.registry.getSingleMetricAsString('daybook_jobs_triggered_total');
  expect(metrics).toMatch(/kind="wake-up",outcome="invalid"[^\n]* 1/);
  expect(triggers.some((t) => t.name === name)).toBe(false);
});
