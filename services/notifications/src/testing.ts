// For the use cases' integration tests only (nothing in the service imports it): the real
// store on a fresh PostgreSQL database, the real outbox, the real SMTP path to the tests'
// Mailpit, and a Scheduler that records what it is asked to do.
import { randomBytes, randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { loginCodeSealing } from '@daybook/contracts';
import {
  enqueueEvent,
  jobName,
  newSealingKey,
  parseSealingKeys,
  type JobDefinition,
  type JobWhen,
  type Jobs,
  type ServiceKit,
} from '@daybook/service-kit';
import { createTestDatabase, MailpitClient } from '@daybook/testing';
import { openDatabase } from './infrastructure/database';
import { smtpMailer, type Mailer } from './infrastructure/mailer';
import { notificationMetrics } from './infrastructure/notification-metrics';
import { NotificationStore } from './infrastructure/notification-store';
import { emailJob } from './jobs/email-job';
import { deliverReminder } from './usecases/deliver-reminder';
import { emailLoginCode } from './usecases/email-login-code';
import { manageInbox } from './usecases/manage-inbox';
import { managePreferences } from './usecases/manage-preferences';
import { notifyUser } from './usecases/notify-user';
import { readInbox } from './usecases/read-inbox';
import { forgetUser, rememberRecipient } from './usecases/remember-recipient';
import { scheduleDigest, sendDigest } from './usecases/send-digest';
import { sendEmail } from './usecases/send-email';

/** A stand-in for the Dapr Scheduler: the jobs waiting, and every call in order. */
export function recordingJobs() {
  const waiting = new Map<string, { when: JobWhen; data: unknown }>();
  const calls: string[] = [];
  const jobs: Jobs = {
    async schedule(def, id, when, data) {
      const name = jobName(def.kind, id);
      waiting.set(name, { when, data: def.data.parse(data) });
      calls.push(`schedule ${name}`);
    },
    async cancel(def, id) {
      const name = jobName(def.kind, id);
      waiting.delete(name);
      calls.push(`cancel ${name}`);
    },
  };
  /** The waiting jobs of one kind: name, when and data. */
  const ofKind = <T>(def: JobDefinition<T>) =>
    [...waiting.entries()]
      .filter(([name]) => name.startsWith(`${def.kind}--`))
      .map(([name, job]) => ({ name, at: 'at' in job.when ? job.when.at : null, data: job.data as T }));
  return { jobs, waiting, calls, ofKind };
}

export const TEST_PUBLIC_URL = 'https://daybook.test';

export async function useCaseHarness(opts: { mailer?: Mailer; maxAttempts?: number } = {}) {
  const database = await createTestDatabase(['notifications']);
  const db = openDatabase({ DATABASE_URL: database.url }, 'notifications');
  const store = new NotificationStore(db);
  const metrics = notificationMetrics(new Registry());
  const scheduler = recordingJobs();
  const jobs = scheduler.jobs;
  const publish: ServiceKit['publish'] = (tx, contract, data, opts) =>
    enqueueEvent(tx, 'notifications', contract, data, opts);
  let clock = new Date();
  const now = () => clock;
  const unsubscribeKeyBytes = randomBytes(32);
  const unsubscribeKey = async () => unsubscribeKeyBytes;
  const sealingKeys = parseSealingKeys(JSON.stringify([newSealingKey('test-login-code')]));
  const mailer =
    opts.mailer ??
    smtpMailer({
      SMTP_HOST: process.env.DAYBOOK_TEST_SMTP_HOST ?? '127.0.0.1',
      SMTP_PORT: Number(process.env.DAYBOOK_TEST_SMTP_PORT),
      SMTP_SECURE: false,
      MAIL_FROM: 'Daybook <no-reply@daybook.test>',
    });

  const digestScheduler = scheduleDigest({ jobs, now });
  const notify = notifyUser({ store, publish, jobs, metrics, now });
  const useCases = {
    ...readInbox({ store, now }),
    ...manageInbox({ store, publish, jobs, now }),
    ...managePreferences({ store, scheduleDigest: digestScheduler, unsubscribeKey, now }),
    notifyUser: notify,
    deliverReminder: deliverReminder({ store, notifyUser: notify }),
    emailLoginCode: emailLoginCode({ store, jobs, metrics, now }),
    rememberRecipient: rememberRecipient({ store, scheduleDigest: digestScheduler, now }),
    forgetUser: forgetUser({ store, jobs }),
    sendDigest: sendDigest({ store, notifyUser: notify, scheduleDigest: digestScheduler, now }),
    sendEmail: sendEmail({
      store,
      publish,
      jobs,
      mailer,
      metrics,
      now,
      unsubscribeKey,
      loginCodeKeys: async () => sealingKeys,
      config: { publicUrl: TEST_PUBLIC_URL, maxAttempts: opts.maxAttempts ?? 8, retryBaseMs: 15_000 },
      random: () => 0.5,
    }),
  };

  return {
    db,
    store,
    metrics,
    scheduler,
    mailpit: new MailpitClient(),
    sealingKeys,
    sealingContext: loginCodeSealing.context,
    unsubscribeKey: unsubscribeKeyBytes,
    ...useCases,
    now,
    /** Moves this test's clock (the use cases read it through `now`). */
    setClock(at: Date) {
      clock = at;
    },
    /** A registered user with a unique address (so Mailpit searches find only this test's mail). */
    async newUser(timeZone = 'UTC') {
      const userId = randomUUID();
      const email = `u-${userId}@daybook.test`;
      await db.$transaction((tx) => useCases.rememberRecipient(tx, { userId, email, timeZone }));
      return { userId, email };
    },
    /** Runs the email jobs now waiting (each once), as the Scheduler would trigger them. */
    async runEmailJobs() {
      for (const job of scheduler.ofKind(emailJob)) {
        scheduler.waiting.delete(job.name);
        await useCases.sendEmail(job.data);
      }
    },
    /** `daybook_notification_deliveries_total{channel,status}` so far. */
    async counted(channel: string, status: string) {
      return (
        (await metrics.deliveries.get()).values.find((v) => v.labels.channel === channel && v.labels.status === status)
          ?.value ?? 0
      );
    },
    /** Events written to the outbox, oldest first. */
    async published() {
      const rows = await db.$queryRawUnsafe<{ type: string; cloud_event: { data: unknown } }[]>(
        'SELECT type, cloud_event FROM outbox_events ORDER BY seq',
      );
      return rows.map((r) => ({ type: r.type, data: r.cloud_event.data as Record<string, unknown> }));
    },
    async close() {
      await db.$disconnect();
      await database.drop();
    },
  };
}

export type UseCaseHarness = Awaited<ReturnType<typeof useCaseHarness>>;

/** A reminder.due of `userId` (ids fresh), fired at `now`. */
export function reminderDueEvent(userId: string, now: Date, title = 'Water the plants') {
  return {
    id: randomUUID(),
    data: {
      reminderId: randomUUID(),
      userId,
      taskId: randomUUID(),
      taskTitle: title,
      dueAt: new Date(now.getTime() + 15 * 60_000).toISOString(),
      firedAt: now.toISOString(),
    },
  };
}
