// Event latency benchmark: publish → handler through the transactional outbox, the Dapr
// sidecars and Kafka, against the floor of raw kafkajs produce → consume on the same broker
// in the same run. Figures go to docs/performance.md.
//
//   npm run bench -- [--events 2000] [--writers 20]
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { defineEvent } from '@daybook/contracts';
import { on } from '@daybook/service-kit';
import { kafkaClient } from '@daybook/substrate';
import {
  createTestDatabase,
  createTestTopic,
  startJwksServer,
  startKitApp,
  testContext,
  testEnvironment,
  testSecretsFile,
  waitFor,
  waitForConsumerGroup,
} from '@daybook/testing';
import globalSetup from '../packages/testing/src/global-setup';
import globalTeardown from '../packages/testing/src/global-teardown';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const EVENTS = arg('events', 2000);
const WRITERS = arg('writers', 20);
const KEYS = 200;

interface Result {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  perSecond: number;
}

function summarise(latencies: number[], elapsedMs: number): Result {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return {
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted[sorted.length - 1]!,
    perSecond: (latencies.length / elapsedMs) * 1000,
  };
}

async function rawKafka(): Promise<Result> {
  const topic = await createTestTopic('bench-raw');
  const kafka = kafkaClient(testEnvironment().kafkaBrokers, 'daybook-bench');
  const consumer = kafka.consumer({ groupId: `bench-${randomUUID()}` });
  const producer = kafka.producer();
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let last = 0;
  await Promise.all([consumer.connect(), producer.connect()]);
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const id = message.value!.toString();
      latencies.push((last = performance.now()) - sentAt.get(id)!);
    },
  });
  await waitForConsumerGroup(consumer ? ((consumer as unknown as { groupId?: string }).groupId ?? '') : '', [
    topic,
  ]).catch(() => {});
  const first = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < EVENTS) {
        const i = next++;
        const id = randomUUID();
        sentAt.set(id, performance.now());
        await producer.send({ topic, messages: [{ key: `k${i % KEYS}`, value: id }] });
      }
    }),
  );
  await waitFor('raw consumer to see every message', () => latencies.length >= EVENTS, { timeoutMs: 120_000 });
  await Promise.all([consumer.disconnect(), producer.disconnect()]);
  return summarise(latencies, last - first);
}

async function daprPath(): Promise<Result> {
  const topic = await createTestTopic('bench-dapr');
  const contract = defineEvent({
    type: 'daybook.bench-ping.sent.v1',
    topic,
    source: 'bench-publisher',
    description: 'benchmark event',
    schema: z.object({ key: z.string(), n: z.number() }).strict(),
    partitionKey: (d) => d.key,
    partitionKeyRule: 'key',
    example: { key: 'k', n: 0 },
  });
  const db = await createTestDatabase(['bench_publisher', 'bench_subscriber']);
  const { file, secrets } = testSecretsFile(`/tmp/daybook-bench-${randomUUID()}`);
  const jwks = await startJwksServer(secrets);
  const ctx = testContext({
    databaseUrl: db.url,
    secretsFile: file,
    jwksUrl: jwks.url,
    appIds: ['bench-publisher', 'bench-subscriber'],
    name: 'bench',
  });
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let last = 0;
  const subscriber = await startKitApp(ctx, {
    name: 'bench-subscriber',
    schema: 'bench_subscriber',
    subscriptions: () => [
      on(contract, async (event) => {
        latencies.push((last = performance.now()) - sentAt.get(event.id)!);
      }),
    ],
  });
  const publisher = await startKitApp(ctx, { name: 'bench-publisher', schema: 'bench_publisher' });
  await waitForConsumerGroup(subscriber.consumerGroup, [topic]);
  const kit = publisher.running.kit;
  const first = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < EVENTS) {
        const i = next++;
        const started = performance.now();
        const event = await kit.db.$transaction((tx) => kit.publish(tx, contract, { key: `k${i % KEYS}`, n: i }));
        // Latency counts from the start of the writing transaction.
        sentAt.set(event.id, started);
      }
    }),
  );
  await waitFor('subscriber to handle every event', () => latencies.length >= EVENTS, { timeoutMs: 300_000 });
  const result = summarise(latencies, last - first);
  await publisher.stop();
  await subscriber.stop();
  await jwks.close();
  await db.drop();
  return result;
}

async function main() {
  await globalSetup();
  try {
    const raw = await rawKafka();
    const dapr = await daprPath();
    const fmt = (r: Result) =>
      `p50 ${r.p50.toFixed(1)} ms · p95 ${r.p95.toFixed(1)} ms · p99 ${r.p99.toFixed(1)} ms · max ${r.max.toFixed(1)} ms · ${Math.round(r.perSecond)} events/s`;
    console.log(`\nevents: ${EVENTS}, concurrent writers: ${WRITERS}, partition keys: ${KEYS}`);
    console.log(`raw kafkajs produce→consume : ${fmt(raw)}`);
    console.log(`outbox → Dapr → Kafka → Dapr: ${fmt(dapr)}`);
    console.log(`ratio p99 (dapr / raw)      : ${(dapr.p99 / raw.p99).toFixed(2)}×`);
    console.log(`ratio p50 (dapr / raw)      : ${(dapr.p50 / raw.p50).toFixed(2)}×`);
  } finally {
    await globalTeardown();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
