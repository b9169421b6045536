import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { cloudEventSchema, defineEvent } from '@daybook/contracts';
import {
  createTestDatabase,
  createTestTopic,
  kafkaTap,
  startKitApp,
  startJwksServer,
  testContext,
  testSecretsFile,
  waitFor,
  waitForConsumerGroup,
  type KitAppUnderTest,
  type KafkaTap,
  type TestDatabase,
} from '@daybook/testing';
import { on } from './subscriptions';

// A contract on a topic private to this test file: publisher and subscriber are two
// separate kit services, each beside its own real daprd, over the real broker.
let topic: string;
let noteWritten: ReturnType<typeof makeContract>;
const makeContract = (t: string) =>
  defineEvent({
    type: 'daybook.test-note.written.v1',
    topic: t,
    source: 'publisher',
    description: 'test event',
    schema: z.object({ noteId: z.uuid(), text: z.string() }).strict(),
    partitionKey: (d) => d.noteId,
    partitionKeyRule: 'noteId',
    example: { noteId: randomUUID(), text: 'x' },
  });

let db: TestDatabase;
let jwks: Awaited<ReturnType<typeof startJwksServer>>;
let publisher: KitAppUnderTest;
let subscriber: KitAppUnderTest;
let lingering: KitAppUnderTest;
const LONG_LINGER_MS = 4_000;
let tap: KafkaTap;
const received: { id: string; noteId: string; key: string }[] = [];

beforeAll(async () => {
  topic = await createTestTopic('outbox');
  noteWritten = makeContract(topic);
  db = await createTestDatabase(['publisher', 'subscriber', 'lingering']);
  const { file, secrets } = testSecretsFile(`/tmp/daybook-test-secrets-${randomUUID()}`);
  jwks = await startJwksServer(secrets);
  const ctx = testContext({
    databaseUrl: db.url,
    secretsFile: file,
    jwksUrl: jwks.url,
    appIds: ['publisher', 'subscriber', 'lingering'],
    name: 'outbox',
  });
  subscriber = await startKitApp(ctx, {
    name: 'subscriber',
    subscriptions: () => [
      on(noteWritten, async (event) => {
        received.push({ id: event.id, noteId: event.data.noteId, key: event.partitionkey });
      }),
    ],
  });
  publisher = await startKitApp(ctx, { name: 'publisher' });
  // A linger far longer than a commit, so that "committed during it" holds on a loaded machine.
  lingering = await startKitApp(ctx, { name: 'lingering', env: { OUTBOX_LINGER_MS: String(LONG_LINGER_MS) } });
  await waitForConsumerGroup(subscriber.consumerGroup, [topic]);
  tap = await kafkaTap([topic]);
});

afterAll(async () => {
  await tap?.stop();
  await publisher?.stop();
  await lingering?.stop();
  await subscriber?.stop();
  await jwks?.close();
  await db?.drop();
});

async function publishNote(text: string) {
  const noteId = randomUUID();
  const kit = publisher.running.kit;
  const event = await kit.db.$transaction((tx) => kit.publish(tx, noteWritten, { noteId, text }));
  return { noteId, eventId: event.id };
}

test('an event written to the outbox reaches a subscriber in another service, keyed by its entity', async () => {
  const { noteId, eventId } = await publishNote('hello');

  const delivered = await waitFor('the subscriber to handle the event', () => received.find((r) => r.id === eventId));
  expect(delivered).toEqual({ id: eventId, noteId, key: noteId });

  const onWire = await tap.waitFor('the published CloudEvent', (m) => m.json?.id === eventId);
  expect(onWire.key).toBe(noteId);
  const envelope = cloudEventSchema.parse(onWire.json);
  expect(envelope).toMatchObject({
    specversion: '1.0',
    type: 'daybook.test-note.written.v1',
    source: 'publisher',
    partitionkey: noteId,
  });
  expect(envelope.data).toEqual({ noteId, text: 'hello' });

  // The relay marks the row after the broker has it: a subscriber can be faster than that.
  const publishedAt = await waitFor('the outbox row to be marked published', async () => {
    const rows = await publisher.running.kit.db.$queryRawUnsafe<{ published_at: Date | null }[]>(
      'SELECT published_at FROM publisher.outbox_events WHERE event_id = $1::uuid',
      eventId,
    );
    return rows[0]?.published_at ?? undefined;
  });
  expect(publishedAt).toBeInstanceOf(Date);
});

test('a rolled-back transaction publishes nothing', async () => {
  const noteId = randomUUID();
  const kit = publisher.running.kit;
  await expect(
    kit.db.$transaction(async (tx) => {
      await kit.publish(tx, noteWritten, { noteId, text: 'never' });
      throw new Error('business rule failed');
    }),
  ).rejects.toThrow('business rule failed');
  // A later event on the same path arrives; the rolled-back one never does.
  const { eventId } = await publishNote('after');
  await tap.waitFor('the later event', (m) => m.json?.id === eventId);
  expect(tap.messages.some((m) => (m.json?.data as { noteId?: string } | undefined)?.noteId === noteId)).toBe(false);
});

test('publishAlong writes the change and its event in one statement: both commit, or neither', async () => {
  const kit = publisher.running.kit;
  await kit.db.$executeRawUnsafe('CREATE TABLE IF NOT EXISTS publisher.notes (id uuid PRIMARY KEY, text text)');
  const write = (tx: Parameters<Parameters<typeof kit.db.$transaction>[0]>[0], noteId: string, text: string) =>
    kit.publishAlong<typeof noteWritten, { id: string }>(
      tx,
      {
        sql: 'INSERT INTO publisher.notes (id, text) VALUES ($1::uuid, $2) RETURNING id::text',
        params: [noteId, text],
      },
      noteWritten,
      { noteId, text },
    );
  const rolledBack = randomUUID();
  await expect(
    kit.db.$transaction(async (tx) => {
      await kit.publishAlong(
        tx,
        { sql: 'INSERT INTO publisher.notes (id, text) VALUES ($1::uuid, $2) RETURNING id', params: [rolledBack, 'x'] },
        noteWritten,
        { noteId: rolledBack, text: 'never' },
      );
      throw new Error('business rule failed');
    }),
  ).rejects.toThrow('business rule failed');

  const noteId = randomUUID();
  const { event, rows } = await kit.db.$transaction((tx) => write(tx, noteId, 'along'));
  expect(rows).toEqual([{ id: noteId }]);
  const onWire = await tap.waitFor('the event written along its change', (m) => m.json?.id === event.id);
  expect(onWire.json).toMatchObject({ data: { noteId, text: 'along' } });
  const notes = await kit.db.$queryRawUnsafe<{ id: string }[]>(
    'SELECT id::text FROM publisher.notes WHERE id = ANY($1::uuid[])',
    [noteId, rolledBack],
  );
  expect(notes).toEqual([{ id: noteId }]);
  expect(tap.messages.some((m) => (m.json?.data as { noteId?: string } | undefined)?.noteId === rolledBack)).toBe(
    false,
  );
});

test('a change made while the sidecar is down is published once it is back — nothing lost', async () => {
  await publisher.sidecar.stop();
  const { eventId } = await publishNote('while down');
  const kit = publisher.running.kit;
  // The relay tries and fails: the row stays pending, with the error recorded.
  await waitFor('a failed publish attempt', async () => {
    const rows = await kit.db.$queryRawUnsafe<{ attempts: number; published_at: Date | null }[]>(
      'SELECT attempts, published_at FROM publisher.outbox_events WHERE event_id = $1::uuid',
      eventId,
    );
    return rows[0] && rows[0].attempts > 0 && rows[0].published_at === null;
  });

  await publisher.restartSidecar();
  await waitFor('the subscriber to get the event', () => received.find((r) => r.id === eventId), { timeoutMs: 60_000 });
  const onWire = await tap.waitFor('the event on the topic', (m) => m.json?.id === eventId);
  expect(tap.messages.filter((m) => m.json?.id === eventId)).toHaveLength(1);
  expect(onWire.key).toBeTruthy();
});

test('events of one entity arrive in the order they were written', async () => {
  const noteId = randomUUID();
  const kit = publisher.running.kit;
  const ids: string[] = [];
  for (let i = 0; i < 20; i++) {
    const e = await kit.db.$transaction((tx) => kit.publish(tx, noteWritten, { noteId, text: String(i) }));
    ids.push(e.id);
  }
  await waitFor('all 20 events', () => received.filter((r) => r.noteId === noteId).length === 20);
  expect(received.filter((r) => r.noteId === noteId).map((r) => r.id)).toEqual(ids);
});

test('under steady writes the relay lingers: the events committed meanwhile go out in one publish', async () => {
  const kit = lingering.running.kit;
  const publishes = async () => {
    const { values } = await kit.metrics.outboxPublishSize.get();
    const sum = (name: string) =>
      values.filter((v) => v.metricName === name && v.labels.topic === topic).reduce((n, v) => n + v.value, 0);
    return { count: sum('daybook_outbox_publish_size_count'), events: sum('daybook_outbox_publish_size_sum') };
  };
  const write = (text: string) =>
    kit.db.$transaction((tx) => kit.publish(tx, noteWritten, { noteId: randomUUID(), text }));

  const first = await write('first');
  await waitFor('the first event', () => received.some((r) => r.id === first.id));
  const before = await publishes();
  // Committed right after a publish: they wait out the linger, then leave together.
  const next = await Promise.all([write('a'), write('b'), write('c')]);
  await waitFor('the three events', () => next.every((e) => received.some((r) => r.id === e.id)));
  const after = await publishes();
  expect({ publishes: after.count - before.count, events: after.events - before.events }).toEqual({
    publishes: 1,
    events: 3,
  });
});
