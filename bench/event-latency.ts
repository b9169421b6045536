// Event latency benchmark: publish → handler through the transactional outbox, the Dapr
// sidecars and Kafka, against the floor of raw kafkajs produce → consume on the same broker
// in the same run. Two phases per path:
//   latency    — open loop at a fixed rate below capacity (default 250 events/s): p50/p95/p99
//                from the start of the writing transaction to the subscriber's handler;
//   throughput — closed loop, as fast as the writers go: sustained events/s end to end.
// Figures go to docs/performance.md.
//
//   npm run bench -- [--events 6000] [--rate 250] [--writers 20]
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
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
} from '@daybook/testing';
import { cpuTable, cpuWindow, pidsByCommandLine, type CpuRow, type ProcessGroup } from './cpu';
import globalSetup from '../packages/testing/src/global-setup';
import globalTeardown from '../packages/testing/src/global-teardown';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const EVENTS = arg('events', 6000);
const RATE = arg('rate', 250);
const WRITERS = arg('writers', 20);
const KEYS = 200;

/** One way of getting an event from a writer to a handler. */
interface Path {
  name: string;
  /** Sends event number i; resolves when the send (commit, or produce ack) is done. */
  send(i: number, sentAt: Map<string, number>): Promise<void>;
  received: { id: string; at: number }[];
  /** The processes on the path, for the CPU table of the throughput phase. */
  processes: ProcessGroup[];
  /**
   * Where the time went for the events written since `since` (the Dapr path: the outbox's
   * side, and how daprd batched its deliveries to the subscriber since the last call).
   */
  stages?(since: Date): Promise<string>;
  close(): Promise<void>;
}

interface Figures {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  perSecond: number;
  /** CPU of each process on the path over the phase (throughput phase only). */
  cpu?: CpuRow[];
  stages?: string;
  /** This process's event-loop delay over the phase (p50 / p99, ms): the writers, relay and handlers share it. */
  loopDelay: string;
}

async function measure(path: Path, mode: 'latency' | 'throughput'): Promise<Figures> {
  path.received.length = 0;
  const sentAt = new Map<string, number>();
  const first = performance.now();
  const since = new Date();
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const cpu = mode === 'throughput' ? await cpuWindow(path.processes) : undefined;
  if (mode === 'latency') {
    // Open loop: event i is due at first + i/RATE, whatever happened to earlier ones.
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < EVENTS; i++) {
      const due = first + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      inFlight.push(path.send(i, sentAt));
    }
    await Promise.all(inFlight);
  } else {
    let next = 0;
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        while (next < EVENTS) await path.send(next++, sentAt);
      }),
    );
  }
  await waitFor(`${path.name}: every event handled`, () => path.received.length >= EVENTS, { timeoutMs: 300_000 });
  const cpuRows = await cpu?.();
  const stages = await path.stages?.(since);
  loop.disable();
  const loopDelay = `p50 ${(loop.percentile(50) / 1e6).toFixed(1)} ms · p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms`;
  const latencies = path.received.map((r) => r.at - sentAt.get(r.id)!).sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  const last = Math.max(...path.received.map((r) => r.at));
  return {
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: latencies[latencies.length - 1]!,
    perSecond: (EVENTS / (last - first)) * 1000,
    ...(cpuRows ? { cpu: cpuRows } : {}),
    ...(stages ? { stages } : {}),
    loopDelay,
  };
}

async function rawKafkaPath(): Promise<Path> {
  const topic = await createTestTopic('bench-raw');
  const kafka = kafkaClient(testEnvironment().kafkaBrokers, 'daybook-bench');
  const consumer = kafka.consumer({ groupId: `bench-${randomUUID()}`, maxWaitTimeInMs: 100 });
  const producer = kafka.producer();
  const received: Path['received'] = [];
  await Promise.all([consumer.connect(), producer.connect()]);
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      received.push({ id: message.value!.toString(), at: performance.now() });
    },
  });
  return {
    name: 'raw kafkajs produce→consume',
    received,
    processes: [
      { name: 'benchmark process (producer and consumer)', pids: () => [], self: true },
      { name: 'Kafka', pids: () => pidsByCommandLine('kafka.Kafka') },
    ],
    send: async (i, sentAt) => {
      const id = randomUUID();
      sentAt.set(id, performance.now());
      await producer.send({ topic, acks: -1, messages: [{ key: `k${i % KEYS}`, value: id }] });
    },
    close: async () => {
      await Promise.all([consumer.disconnect(), producer.disconnect()]);
    },
  };
}

async function daprPath(): Promise<Path> {
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
  const received: Path['received'] = [];
  const subscriber = await startKitApp(ctx, {
    name: 'bench-subscriber',
    schema: 'bench_subscriber',
    subscriptions: () => [
      on(
        contract,
        async (event) => {
          received.push({ id: event.id, at: performance.now() });
        },
        // Writes nothing outside its transaction (as audit's handlers): one transaction per delivery.
        { batch: true },
      ),
    ],
  });
  const publisher = await startKitApp(ctx, { name: 'bench-publisher', schema: 'bench_publisher' });
  const { waitForConsumerGroup } = await import('@daybook/testing');
  await waitForConsumerGroup(subscriber.consumerGroup, [topic]);
  const kit = publisher.running.kit;
  /** The subscriber's delivery histograms (count and sum of each), to take differences of. */
  const deliveryTotals = async () => {
    const { deliverySize, deliveryDuration } = subscriber.running.kit.metrics;
    const total = async (h: typeof deliverySize, suffix: string) =>
      (await h.get()).values.filter((v) => v.metricName?.endsWith(suffix)).reduce((n, v) => n + v.value, 0);
    return {
      deliveries: await total(deliverySize, '_count'),
      events: await total(deliverySize, '_sum'),
      seconds: await total(deliveryDuration, '_sum'),
    };
  };
  let deliveriesBefore = await deliveryTotals();
  return {
    name: 'outbox → Dapr → Kafka → Dapr → handler',
    received,
    processes: [
      {
        name: 'benchmark process (writers, relay, subscriber and its inbox)',
        pids: () => [],
        self: true,
      },
      { name: "publisher's daprd", pids: () => [publisher.sidecar.process.pid] },
      { name: "subscriber's daprd", pids: () => [subscriber.sidecar.process.pid] },
      { name: 'Kafka', pids: () => pidsByCommandLine('kafka.Kafka') },
      { name: 'PostgreSQL (every backend and background process)', pids: postgresPids },
    ],
    send: async (i, sentAt) => {
      const started = performance.now();
      const event = await kit.db.$transaction((tx) => kit.publish(tx, contract, { key: `k${i % KEYS}`, n: i }));
      sentAt.set(event.id, started);
    },
    // The relay's part: from the writing transaction's start (created_at) to the relay's
    // UPDATE after daprd acknowledged the publish (published_at). The rest is Kafka → daprd → handler.
    stages: async (since) => {
      const [row] = await kit.db.$queryRawUnsafe<{ p: number[] }[]>(
        `SELECT percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP
                  (ORDER BY extract(epoch FROM published_at - created_at) * 1000) AS p
           FROM bench_publisher.outbox_events WHERE created_at >= $1`,
        since,
      );
      const [p50, p95, p99] = (row?.p ?? []).map((v) => Number(v).toFixed(1));
      // daprd's deliveries to the subscriber since the last phase ended: how it batched them.
      const now = await deliveryTotals();
      const d = {
        deliveries: now.deliveries - deliveriesBefore.deliveries,
        events: now.events - deliveriesBefore.events,
        seconds: now.seconds - deliveriesBefore.seconds,
      };
      deliveriesBefore = now;
      return (
        `write → published (outbox relay, daprd, Kafka's ack): p50 ${p50} ms · p95 ${p95} ms · p99 ${p99} ms\n` +
        `             deliveries to the subscriber: ${d.deliveries}, ${(d.events / d.deliveries).toFixed(1)} events ` +
        `each on average, answered in ${((d.seconds / d.deliveries) * 1000).toFixed(1)} ms on average`
      );
    },
    close: async () => {
      await publisher.stop();
      await subscriber.stop();
      await jwks.close();
      await db.drop();
    },
  };
}

/** Every PostgreSQL process but the postmaster: the backends (of any database) and the background ones. */
const postgresPids = (): number[] => pidsByCommandLine('postgres: ');

const fmt = (f: Figures) =>
  `p50 ${f.p50.toFixed(1)} ms · p95 ${f.p95.toFixed(1)} ms · p99 ${f.p99.toFixed(1)} ms · max ${f.max.toFixed(1)} ms · ${Math.round(f.perSecond)} events/s`;

/** Set once a signal has asked the benchmark to stop (see main). */
let stopping: Promise<void> | undefined;

async function main() {
  await globalSetup();
  const results: Record<string, Record<string, Figures>> = {};
  let open: Path | undefined;
  // Interrupted (Ctrl-C, a timeout's SIGTERM): stop the path's sidecars and the substrate's
  // test processes instead of leaving two daprd behind; the sends then failing is expected.
  const interrupted = (signal: NodeJS.Signals) => {
    if (stopping) return;
    console.error(`\n${signal}: stopping the benchmark's processes`);
    // Sends in flight now fail (their pools are closing), some before anything awaits them.
    process.on('unhandledRejection', () => undefined);
    stopping = Promise.allSettled([open?.close()])
      .then(() => globalTeardown())
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    for (const make of [rawKafkaPath, daprPath]) {
      const path = (open = await make());
      // Warm-up: connections, JIT, consumer fetch sessions.
      await measure({ ...path, send: path.send }, 'throughput').catch(() => undefined);
      results[path.name] = { latency: await measure(path, 'latency'), throughput: await measure(path, 'throughput') };
      await path.close();
      open = undefined;
    }
  } finally {
    if (!stopping) await globalTeardown();
  }
  const [raw, dapr] = Object.values(results) as [Record<string, Figures>, Record<string, Figures>];
  console.log(
    `\nevents per phase: ${EVENTS}; latency phase at ${RATE} events/s; throughput phase with ${WRITERS} writers`,
  );
  for (const [name, r] of Object.entries(results)) {
    console.log(`${name}\n  latency    ${fmt(r.latency!)}\n  throughput ${fmt(r.throughput!)}`);
    for (const phase of ['latency', 'throughput'] as const) {
      if (r[phase]?.stages) console.log(`  ${phase.padEnd(10)} ${r[phase].stages}`);
      console.log(`  ${phase.padEnd(10)} this process's event loop, a 5 ms timer fired after: ${r[phase]?.loopDelay}`);
    }
  }
  for (const [name, r] of Object.entries(results)) {
    if (r.throughput?.cpu) console.log(`\nCPU, throughput phase, ${name}:\n${cpuTable(r.throughput.cpu, EVENTS)}`);
  }
  console.log(`ratio p99 latency (dapr / raw): ${(dapr.latency!.p99 / raw.latency!.p99).toFixed(2)}×`);
  console.log(`ratio p50 latency (dapr / raw): ${(dapr.latency!.p50 / raw.latency!.p50).toFixed(2)}×`);
  console.log(
    `sustained throughput (dapr / raw): ${Math.round(dapr.throughput!.perSecond)} / ${Math.round(raw.throughput!.perSecond)} events/s`,
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    if (stopping) return; // the interrupt's cleanup exits
    console.error(err);
    process.exit(1);
  },
);
