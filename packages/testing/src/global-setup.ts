import { join } from 'node:path';
import {
  PORTS,
  RUN_DIR,
  ensureDaprBinaries,
  ensureKafka,
  ensureMailpit,
  ensurePostgres,
  ensureScheduler,
  kafkaClient,
  step,
  stopPid,
  stopPostgresAt,
  waitFor,
  waitForLeaders,
} from '@daybook/substrate';
import { ensureTemplateDatabase } from './database';
import {
  clearStarted,
  forgetStaleRecords,
  readStarted,
  recordStarted,
  registerRun,
  unregisterRun,
  withTestSubstrateLock,
} from './test-runs';

/**
 * Jest globalSetup: starts (or reuses) the real substrate once for the whole run —
 * PostgreSQL, a Kafka broker of the tests' own, the Dapr Scheduler, a Mailpit of the tests' own —
 * and builds daprd and Mailpit if
 * needed. Each test
 * file then gets its own database, topics or consumer groups, and its own sidecars.
 */
export default async function globalSetup(): Promise<void> {
  const { pg, kafka, bins, scheduler, mailpit } = await withTestSubstrateLock(async () => {
    forgetStaleRecords();
    // Tests get a broker of their own: a running `npm start` must not consume (and act on)
    // the events tests publish, nor tests its events. PostgreSQL (a database per test file)
    // and the Scheduler (a Dapr namespace per test file) are shared safely.
    const [pg, kafka, bins] = await Promise.all([
      ensurePostgres(),
      ensureKafka({ instance: { name: 'test', port: PORTS.testKafka, controllerPort: PORTS.testKafkaController } }),
      Promise.resolve().then(ensureDaprBinaries),
    ]);
    if (pg.dataDir) recordStarted({ postgres: [pg.dataDir] });
    if (kafka.process) {
      recordStarted({ pids: [kafka.process.pid] });
      // Our broker, just started: nobody else uses it, so the topics earlier runs left go.
      // Housekeeping only: a broker still loading its metadata may refuse; never fail on it.
      await deleteTestTopics(kafka.brokers).catch((err: Error) =>
        step('test', `could not delete old test topics (${err.message}); continuing`),
      );
      // The first consumer group on a fresh broker makes it create and load its offsets
      // topic, which can take longer than a test's own wait on a loaded machine: pay that
      // here, once, before any test file's tap joins a group.
      // Best effort: a tap still waits for its group itself.
      await warmUpGroupCoordinator(kafka.brokers).catch((err: Error) =>
        step('test', `could not warm up the broker's group coordinator (${err.message}); continuing`),
      );
    }
    // Every test file's database is a copy of one migrated template: build it once, here.
    const template = await ensureTemplateDatabase(pg.adminUrl);
    step('test', `template database ${template} ready`);
    const scheduler = await ensureScheduler(bins);
    if (scheduler.process) recordStarted({ pids: [scheduler.process.pid] });
    // The tests' own SMTP sink (like their broker): test mail never reaches a developer's Mailpit.
    const mailpit = await ensureMailpit({
      name: 'test-mailpit',
      smtpPort: PORTS.testMailpitSmtp,
      httpPort: PORTS.testMailpitHttp,
    });
    if (mailpit.process) recordStarted({ pids: [mailpit.process.pid] });
    registerRun();
    return { pg, kafka, bins, scheduler, mailpit };
  });
  const logDir = join(RUN_DIR, 'test-logs', new Date().toISOString().replace(/[:.]/g, '-'));
  process.env.DAYBOOK_TEST_ADMIN_DATABASE_URL = pg.adminUrl;
  process.env.DAYBOOK_TEST_KAFKA_BROKERS = kafka.brokers.join(',');
  process.env.DAYBOOK_TEST_DAPRD = bins.daprd;
  process.env.DAYBOOK_TEST_SCHEDULER = scheduler.address;
  process.env.DAYBOOK_TEST_LOG_DIR = logDir;
  process.env.DAYBOOK_TEST_SMTP_HOST = mailpit.smtpHost;
  process.env.DAYBOOK_TEST_SMTP_PORT = String(mailpit.smtpPort);
  process.env.DAYBOOK_TEST_MAILPIT_URL = mailpit.url;
  step('test', `substrate ready; process logs in ${logDir}`);
  (globalThis as { __daybookTeardown?: () => Promise<void> }).__daybookTeardown = () =>
    withTestSubstrateLock(async () => {
      // The last run out stops what test runs started; a substrate someone else started
      // (npm start, npm run substrate) is never stopped.
      if (!unregisterRun()) return;
      const { pids, postgres } = readStarted();
      for (const pid of pids.reverse()) await stopPid(pid).catch(() => {});
      for (const dataDir of postgres) stopPostgresAt(dataDir);
      clearStarted();
    });
}

async function warmUpGroupCoordinator(brokers: string[]): Promise<void> {
  const kafka = kafkaClient(brokers, 'daybook-test-warmup');
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin
      .createTopics({ topics: [{ topic: 'daybook-warmup', numPartitions: 1 }], waitForLeaders: false })
      .catch(() => false); // already there
    await waitForLeaders(admin, ['daybook-warmup']);
  } finally {
    await admin.disconnect();
  }
  const consumer = kafka.consumer({ groupId: 'daybook-warmup' });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
  await consumer.connect();
  try {
    // A topic created a moment ago may not be in every metadata answer yet: retry.
    await waitFor('the warm-up topic', () => consumer.subscribe({ topic: 'daybook-warmup' }).then(() => true), {
      timeoutMs: 30_000,
      intervalMs: 200,
    });
    await consumer.run({ eachMessage: async () => {} });
    await waitFor('the broker’s group coordinator', () => joined, { timeoutMs: 120_000 });
  } finally {
    await consumer.disconnect();
  }
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
