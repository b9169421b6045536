import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { defineEvent } from '@daybook/contracts';
import {
  createTestDatabase,
  createTestTopic,
  kafkaTap,
  startJwksServer,
  startKitApp,
  testContext,
  testSecretsFile,
  type KafkaTap,
  type KitAppUnderTest,
  type TestDatabase,
} from '@daybook/testing';
import type { ServiceKit } from './service';

// A kit service beside its real daprd whose route publishes an event through the outbox.
// Data that breaks the event's contract is the service's own bug: a bare 500 with the
// contract and the field in the log, never a 400 blaming the client's body.
let topic: string;
let noteWritten: ReturnType<typeof makeContract>;
const makeContract = (t: string) =>
  defineEvent({
    type: 'daybook.test-note.written.v1',
    topic: t,
    source: 'notes',
    description: 'test event',
    schema: z.object({ noteId: z.uuid(), text: z.string().min(1) }).strict(),
    partitionKey: (d) => d.noteId,
    partitionKeyRule: 'noteId',
    example: { noteId: randomUUID(), text: 'x' },
  });

let db: TestDatabase;
let jwks: Awaited<ReturnType<typeof startJwksServer>>;
let notes: KitAppUnderTest;
let tap: KafkaTap;

/** POST /notes: the body is valid input; the event built from it may not be (the bug). */
const noteRoutes = (kit: ServiceKit) =>
  Router().post('/notes', async (req, res) => {
    const { text } = req.body as { text: string };
    const noteId = randomUUID();
    // The bug under test: an empty text passes the (absent) input check but not the contract.
    await kit.db.$transaction((tx) => kit.publish(tx, noteWritten, { noteId, text }));
    res.status(201).json({ noteId });
  });

beforeAll(async () => {
  topic = await createTestTopic('outgoing');
  noteWritten = makeContract(topic);
  db = await createTestDatabase(['notes']);
  const { file, secrets } = testSecretsFile(`/tmp/daybook-test-secrets-${randomUUID()}`);
  jwks = await startJwksServer(secrets);
  const ctx = testContext({
    databaseUrl: db.url,
    secretsFile: file,
    jwksUrl: jwks.url,
    appIds: ['notes'],
    name: 'outgoing',
  });
  notes = await startKitApp(ctx, { name: 'notes', routes: noteRoutes });
  tap = await kafkaTap([topic]);
});

afterAll(async () => {
  await tap?.stop();
  await notes?.stop();
  await jwks?.close();
  await db?.drop();
});

const postNote = (text: string) =>
  fetch(`http://127.0.0.1:${notes.running.kit.env.PORT}/notes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
const outboxRows = async () =>
  (
    await notes.running.kit.db.$queryRawUnsafe<{ n: number }[]>('SELECT count(*)::int AS n FROM notes.outbox_events')
  )[0]!.n;

test('an outgoing event that breaks its contract is a bare 500, logged with its type and field', async () => {
  const logged = jest.spyOn(notes.running.kit.log, 'error');
  const res = await postNote('');
  expect(res.status).toBe(500);
  expect(await res.json()).toEqual({ error: { code: 'internal', message: 'internal error' } });
  expect(logged).toHaveBeenCalledWith(
    expect.objectContaining({
      eventType: 'daybook.test-note.written.v1',
      problems: [{ field: 'data.text', message: expect.any(String) }],
    }),
    'outgoing event breaks its contract',
  );
  expect(await outboxRows()).toBe(0);

  // The same route with data that keeps the contract publishes as usual.
  const ok = await postNote('hello');
  expect(ok.status).toBe(201);
  const { noteId } = (await ok.json()) as { noteId: string };
  await tap.waitFor('the valid note on the topic', (m) => m.key === noteId);
  expect(await outboxRows()).toBe(1);
});
