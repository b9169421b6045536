import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { defineEvent } from '@daybook/contracts';
import { kafkaClient, readDeadLetters, replayDeadLetters } from '@daybook/substrate';
import {
  createTestDatabase,
  createTestTopic,
  deadLetterTopic,
  kafkaTap,
  startJwksServer,
  startKitApp,
  testContext,
  testEnvironment,
  testSecretsFile,
  waitFor,
  waitForConsumerGroup,
  type KafkaTap,
  type KitAppUnderTest,
  type TestDatabase,
} from '@daybook/testing';
import { buildCloudEvent } from './outbox';
import { on } from './subscriptions';

const makeContract = (topic: string) =>
  defineEvent({
    type: 'daybook.test-counter.incremented.v1',
    topic,
    source: 'tests',
    description: 'test event',
    schema: z.object({ counterId: z.uuid(), by: z.number().int().positive() }).strict(),
    partitionKey: (d) => d.counterId,
    partitionKeyRule: 'counterId',
    example: { counterId: randomUUID(), by: 1 },
  });

let topic: string;
let counterIncremented: ReturnType<typeof makeContract>;
let db: TestDatabase;
let jwks: Awaited<ReturnType<typeof startJwksServer>>;
let app: KitAppUnderTest;
let ctx: ReturnType<typeof testContext>;
let dlqTap: KafkaTap;
/** Handler calls that failed on purpose, by event id (to force one redelivery). */
const failOnce = new Set<string>();
const attempts = new Map<string, number>();

beforeAll(async () => {
  topic = await createTestTopic('inbox');
  counterIncremented = makeContract(topic);
  db = await createTestDatabase(['counter', 'ledger']);
  const { file, secrets } = testSecretsFile(`/tmp/daybook-test-secrets-${randomUUID()}`);
  jwks = await startJwksServer(secrets);
  ctx = testContext({
    databaseUrl: db.url,
    secretsFile: file,
    jwksUrl: jwks.url,
    appIds: ['counter', 'ledger'],
    name: 'inbox',
  });
  app = await startKitApp(ctx, {
    name: 'counter',
    subscriptions: () => [
      on(counterIncremented, async (event, { tx }) => {
        attempts.set(event.id, (attempts.get(event.id) ?? 0) + 1);
        await tx.$executeRawUnsafe(
          'INSERT INTO counter.applied (event_id, counter_id, amount) VALUES ($1, $2::uuid, $3)',
          event.id,
          event.data.counterId,
          event.data.by,
        );
        if (failOnce.delete(event.id)) throw new Error('transient failure');
      }),
    ],
    watchDeadLetters: [topic],
  });
  await app.running.kit.db.$executeRawUnsafe(
    'CREATE TABLE counter.applied (event_id text NOT NULL, counter_id uuid NOT NULL, amount int NOT NULL)',
  );
  await waitForConsumerGroup(app.consumerGroup, [topic, deadLetterTopic(topic)]);
  dlqTap = await kafkaTap([deadLetterTopic(topic)]);
});

afterAll(async () => {
  await dlqTap?.stop();
  await app?.stop();
  await jwks?.close();
  await db?.drop();
});

/** Writes raw messages straight onto the topic, as a misbehaving or retrying producer would. */
async function produceRaw(messages: { key: string; value: string }[]) {
  const producer = kafkaClient(testEnvironment().kafkaBrokers, 'daybook-test-producer').producer();
  await producer.connect();
  await producer.send({ topic, messages });
  await producer.disconnect();
}

const applied = async (counterId: string) =>
  app.running.kit.db.$queryRawUnsafe<{ event_id: string; amount: number }[]>(
    'SELECT event_id, amount FROM counter.applied WHERE counter_id = $1::uuid',
    counterId,
  );

test('an event delivered twice is applied once', async () => {
  const counterId = randomUUID();
  const event = buildCloudEvent(counterIncremented, { counterId, by: 5 });
  const later = buildCloudEvent(counterIncremented, { counterId, by: 1 });
  await produceRaw([
    { key: counterId, value: JSON.stringify(event) },
    { key: counterId, value: JSON.stringify(event) },
    { key: counterId, value: JSON.stringify(later) },
  ]);
  // The partition is processed in order: once the later event is in, both copies were seen.
  await waitFor('the later event to be applied', async () =>
    (await applied(counterId)).some((r) => r.event_id === later.id),
  );
  expect((await applied(counterId)).map((r) => r.event_id).sort()).toEqual([event.id, later.id].sort());
  expect(attempts.get(event.id)).toBe(1);
});

test('a handler failure is retried by Dapr and the event still applies exactly once', async () => {
  const counterId = randomUUID();
  const event = buildCloudEvent(counterIncremented, { counterId, by: 2 });
  failOnce.add(event.id);
  await produceRaw([{ key: counterId, value: JSON.stringify(event) }]);
  await waitFor('the event to be applied after its retry', async () => (await applied(counterId)).length === 1);
  expect(attempts.get(event.id)).toBe(2);
  expect(await applied(counterId)).toEqual([{ event_id: event.id, amount: 2 }]);
});

test('an event that fails validation goes to the dead-letter topic and does not block its partition', async () => {
  const counterId = randomUUID();
  const poison = { ...buildCloudEvent(counterIncremented, { counterId, by: 1 }), data: { counterId, by: -3 } };
  const good = buildCloudEvent(counterIncremented, { counterId, by: 7 });
  await produceRaw([
    { key: counterId, value: JSON.stringify(poison) },
    { key: counterId, value: JSON.stringify(good) },
  ]);
  await waitFor('the good event behind the poison one', async () => (await applied(counterId)).length === 1);
  expect(await applied(counterId)).toEqual([{ event_id: good.id, amount: 7 }]);
  const dead = await dlqTap.waitFor('the poison event', (m) => m.json?.id === poison.id);
  expect(dead.json?.data).toEqual({ counterId, by: -3 });
  expect(attempts.has(poison.id)).toBe(false);
});

test('a message that is not a CloudEvent of ours is dead-lettered too', async () => {
  const counterId = randomUUID();
  const good = buildCloudEvent(counterIncremented, { counterId, by: 3 });
  await produceRaw([
    { key: counterId, value: JSON.stringify({ specversion: '1.0', id: 'x-1', type: counterIncremented.type }) },
    { key: counterId, value: JSON.stringify(good) },
  ]);
  await waitFor('the good event', async () => (await applied(counterId)).length === 1);
  await dlqTap.waitFor('the malformed event', (m) => m.json?.id === 'x-1');
});

/** The watcher's count of dead letters with this cause, as /metrics shows it. */
async function deadLetterCount(cause: string): Promise<string> {
  const text = await app.running.kit.metrics.registry.getSingleMetricAsString('daybook_dead_letters_total');
  return text
    .split('\n')
    .filter((l) => l.includes(`cause="${cause}"`))
    .join('\n');
}

describe('dead letters an operator can handle (npm run dlq)', () => {
  const brokers = () => testEnvironment().kafkaBrokers;

  test('the kit dead-letters with the reason and the consumer; list shows id, type, reason and time', async () => {
    const counterId = randomUUID();
    const poison = { ...buildCloudEvent(counterIncremented, { counterId, by: 1 }), data: { counterId, by: 0 } };
    await produceRaw([{ key: counterId, value: JSON.stringify(poison) }]);
    await dlqTap.waitFor('the poison event', (m) => m.json?.id === poison.id);
    const letter = (await readDeadLetters(brokers(), topic)).find((l) => l.id === poison.id);
    expect(letter).toMatchObject({
      id: poison.id,
      type: counterIncremented.type,
      key: counterId,
      reason: expect.stringMatching(/^invalid data: by: /),
      headers: expect.objectContaining({ 'daybook-consumer': 'counter' }),
    });
    expect(Date.parse(letter!.time)).not.toBeNaN();
    await waitFor('the dead letter to be counted by its watcher', async () =>
      (await deadLetterCount('unprocessable')).includes('consumer="counter"'),
    );
  });

  test('replay puts events back on the topic; an event already applied stays applied once', async () => {
    const counterId = randomUUID();
    const applied1 = buildCloudEvent(counterIncremented, { counterId, by: 4 });
    const missed = buildCloudEvent(counterIncremented, { counterId, by: 6 });
    await produceRaw([{ key: counterId, value: JSON.stringify(applied1) }]);
    await waitFor('the first event to be applied', async () => (await applied(counterId)).length === 1);
    // Both land on the dead-letter topic as daprd puts them there once its retries are
    // spent: one that was in fact applied, one that never was.
    const producer = kafkaClient(brokers(), 'daybook-test-producer').producer();
    await producer.connect();
    await producer.send({
      topic: deadLetterTopic(topic),
      messages: [applied1, missed].map((e) => ({ key: counterId, value: JSON.stringify(e) })),
    });
    await producer.disconnect();
    const listed = await readDeadLetters(brokers(), topic);
    expect(listed.filter((l) => [applied1.id, missed.id].includes(l.id)).map((l) => l.reason)).toEqual([
      expect.stringMatching(/retries exhausted/),
      expect.stringMatching(/retries exhausted/),
    ]);

    const replayed = await replayDeadLetters(brokers(), topic, [applied1.id, missed.id]);
    expect(replayed.map((l) => l.id).sort()).toEqual([applied1.id, missed.id].sort());
    await waitFor('the missed event to be applied', async () => (await applied(counterId)).length === 2);
    // Replaying again changes nothing: every consumer's inbox knows both ids.
    await replayDeadLetters(brokers(), topic, [applied1.id, missed.id]);
    const witness = buildCloudEvent(counterIncremented, { counterId, by: 1 });
    await produceRaw([{ key: counterId, value: JSON.stringify(witness) }]);
    await waitFor('a later event on the same partition', async () =>
      (await applied(counterId)).some((r) => r.event_id === witness.id),
    );
    expect((await applied(counterId)).map((r) => r.amount).sort()).toEqual([1, 4, 6]);
    expect(attempts.get(applied1.id)).toBe(1);
    // Dead-lettered by "daprd" (no reason header): counted too.
    await waitFor('both to be counted as retries exhausted', async () =>
      / 2$/m.test(await deadLetterCount('retries_exhausted')),
    );
  });
});

// A handler that only writes through its transaction (`batch: true`): the events of one
// bulk delivery share one transaction, and nothing changes in what is applied.
describe('a delivery in one transaction (handlers with batch: true)', () => {
  const makeLedgerContract = (ledgerTopic: string) =>
    defineEvent({
      type: 'daybook.test-ledger.entered.v1',
      topic: ledgerTopic,
      source: 'tests',
      description: 'test event',
      schema: z.object({ ledgerId: z.uuid(), n: z.number().int().nonnegative() }).strict(),
      partitionKey: (d) => d.ledgerId,
      partitionKeyRule: 'ledgerId',
      example: { ledgerId: randomUUID(), n: 0 },
    });
  let ledgerTopic: string;
  let entered: ReturnType<typeof makeLedgerContract>;
  let ledger: KitAppUnderTest;
  /** Event ids whose handler throws the first time (the whole batch then rolls back). */
  const failFirst = new Set<string>();
  const tries = new Map<string, number>();

  beforeAll(async () => {
    ledgerTopic = await createTestTopic('batched');
    entered = makeLedgerContract(ledgerTopic);
    ledger = await startKitApp(ctx, {
      name: 'ledger',
      subscriptions: () => [
        on(
          entered,
          async (event, { tx }) => {
            tries.set(event.id, (tries.get(event.id) ?? 0) + 1);
            await tx.$executeRawUnsafe(
              'INSERT INTO ledger.lines (event_id, ledger_id, n) VALUES ($1, $2::uuid, $3)',
              event.id,
              event.data.ledgerId,
              event.data.n,
            );
            if (failFirst.delete(event.id)) throw new Error('transient failure');
          },
          { batch: true },
        ),
      ],
    });
    await ledger.running.kit.db.$executeRawUnsafe(
      `CREATE TABLE ledger.lines (line bigserial PRIMARY KEY, event_id text NOT NULL, ledger_id uuid NOT NULL, n int NOT NULL)`,
    );
    await waitForConsumerGroup(ledger.consumerGroup, [ledgerTopic]);
  });
  afterAll(() => ledger?.stop());

  /** Writes the events onto the topic in one produce, so that they arrive in one bulk delivery. */
  async function produce(ledgerId: string, events: unknown[]) {
    const producer = kafkaClient(testEnvironment().kafkaBrokers, 'daybook-test-producer').producer();
    await producer.connect();
    await producer.send({
      topic: ledgerTopic,
      messages: events.map((e) => ({ key: ledgerId, value: JSON.stringify(e) })),
    });
    await producer.disconnect();
  }

  /** The ledger's lines in the order they were written, and how many transactions wrote them. */
  async function linesOf(ledgerId: string) {
    const rows = await ledger.running.kit.db.$queryRawUnsafe<{ event_id: string; n: number; xid: string }[]>(
      'SELECT event_id, n, xmin::text AS xid FROM ledger.lines WHERE ledger_id = $1::uuid ORDER BY line',
      ledgerId,
    );
    return {
      ns: rows.map((r) => r.n),
      ids: rows.map((r) => r.event_id),
      transactions: new Set(rows.map((r) => r.xid)).size,
    };
  }

  test('the events of one delivery apply once each, in order, in fewer transactions than events', async () => {
    const ledgerId = randomUUID();
    const events = Array.from({ length: 20 }, (_, n) => buildCloudEvent(entered, { ledgerId, n }));
    // The third event delivered twice in the same delivery: the copy is a duplicate.
    await produce(ledgerId, [...events.slice(0, 3), events[2]!, ...events.slice(3)]);
    await waitFor('every event applied', async () => (await linesOf(ledgerId)).ns.length >= 20);
    const lines = await linesOf(ledgerId);
    expect(lines.ns).toEqual(events.map((_, n) => n));
    expect(tries.get(events[2]!.id)).toBe(1);
    expect(lines.transactions).toBeLessThan(20);
    // An operator sees how daprd batched them: deliveries, events in them, time to answer each.
    const { deliverySize, deliveryDuration } = ledger.running.kit.metrics;
    const total = async (h: typeof deliverySize, metricName: string) =>
      (await h.get()).values.find((v) => v.metricName === metricName && v.labels.topic === ledgerTopic)?.value ?? 0;
    const deliveries = await total(deliverySize, 'daybook_event_delivery_size_count');
    expect(await total(deliverySize, 'daybook_event_delivery_size_sum')).toBe(21);
    expect(deliveries).toBeGreaterThan(0);
    expect(deliveries).toBeLessThan(21);
    expect(await total(deliveryDuration, 'daybook_event_delivery_duration_seconds_count')).toBe(deliveries);
  });

  test('a failing event rolls its batch back; every event still applies exactly once, in order', async () => {
    const ledgerId = randomUUID();
    const events = Array.from({ length: 10 }, (_, n) => buildCloudEvent(entered, { ledgerId, n }));
    failFirst.add(events[4]!.id);
    await produce(ledgerId, events);
    await waitFor('every event applied after the retry', async () => (await linesOf(ledgerId)).ns.length >= 10);
    const lines = await linesOf(ledgerId);
    expect(lines.ns).toEqual(events.map((_, n) => n));
    expect(new Set(lines.ids).size).toBe(10);
    // Its first attempt failed (rolling back its batch); the second applied it.
    expect(tries.get(events[4]!.id)).toBe(2);
  });
});
