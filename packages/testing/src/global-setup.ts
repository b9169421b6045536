import { join } from 'node:path';
import {
  PORTS,
  RUN_DIR,
  ensureDaprBinaries,
  ensureKafka,
  ensurePostgres,
  ensureScheduler,
  kafkaClient,
  step,
  stopProcess,
  type ManagedProcess,
} from '@daybook/substrate';

/**
 * Jest globalSetup: starts (or reuses) the real substrate once for the whole run —
 * PostgreSQL, a Kafka broker of the tests' own, the Dapr Scheduler — and builds daprd if
 * needed. Each test
 * file then gets its own database, topics or consumer groups, and its own sidecars.
 */
export default async function globalSetup(): Promise<void> {
  const started: ManagedProcess[] = [];
  // Tests get a broker of their own: a running `npm start` must not consume (and act on)
  // the events tests publish, nor tests its events. PostgreSQL (a database per test file)
  // and the Scheduler (a Dapr namespace per test file) are shared safely.
  const [pg, kafka, bins] = await Promise.all([
    ensurePostgres(),
    ensureKafka({ instance: { name: 'test', port: PORTS.testKafka, controllerPort: PORTS.testKafkaController } }),
    Promise.resolve().then(ensureDaprBinaries),
  ]);
  if (kafka.process) {
    started.push(kafka.process);
    // Our broker, just started: nobody else uses it, so the topics earlier runs left go.
    // Housekeeping only: a broker still loading its metadata may refuse; never fail on it.
    await deleteTestTopics(kafka.brokers).catch((err: Error) =>
      step('test', `could not delete old test topics (${err.message}); continuing`),
    );
  }
  const scheduler = await ensureScheduler(bins);
  if (scheduler.process) started.push(scheduler.process);
  const logDir = join(RUN_DIR, 'test-logs', new Date().toISOString().replace(/[:.]/g, '-'));
  process.env.DAYBOOK_TEST_ADMIN_DATABASE_URL = pg.adminUrl;
  process.env.DAYBOOK_TEST_KAFKA_BROKERS = kafka.brokers.join(',');
  process.env.DAYBOOK_TEST_DAPRD = bins.daprd;
  process.env.DAYBOOK_TEST_SCHEDULER = scheduler.address;
  process.env.DAYBOOK_TEST_LOG_DIR = logDir;
  step('test', `substrate ready; process logs in ${logDir}`);
  (globalThis as { __daybookTeardown?: () => Promise<void> }).__daybookTeardown = async () => {
    for (const p of started.reverse()) await stopProcess(p).catch(() => {});
    await pg.stop();
  };
}

/** Topics tests create (per-file prefixes, unique kit-test topics), so they do not pile up. */
async function deleteTestTopics(brokers: string[]): Promise<void> {
  const admin = kafkaClient(brokers).admin();
  await admin.connect();
  try {
    const leftovers = (await admin.listTopics()).filter((t) => /^(t-[0-9a-f]{8}\.|outbox-|inbox-|bench-)/.test(t));
    if (leftovers.length > 0) {
      step('test', `deleting ${leftovers.length} topics left by earlier runs`);
      await admin.deleteTopics({ topics: leftovers, timeout: 30_000 });
    }
  } finally {
    await admin.disconnect();
  }
}
