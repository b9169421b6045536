// For the use cases' integration tests only (nothing in the service imports it): the real
// store on a fresh PostgreSQL database, the real outbox, and a Scheduler that records what
// it is asked to do.
import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { taskCreated, type TaskSnapshot } from '@daybook/contracts';
import { enqueueEvent, jobName, type JobWhen, type Jobs, type ServiceKit } from '@daybook/service-kit';
import { createTestDatabase } from '@daybook/testing';
import { openDatabase } from './infrastructure/database';
import { reminderMetrics } from './infrastructure/reminder-metrics';
import { ReminderStore } from './infrastructure/reminder-store';

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
  return { jobs, waiting, calls };
}

export async function useCaseHarness() {
  const database = await createTestDatabase(['reminders']);
  const db = openDatabase({ DATABASE_URL: database.url }, 'reminders');
  const store = new ReminderStore(db);
  const metrics = reminderMetrics(new Registry());
  const scheduler = recordingJobs();
  const publish: ServiceKit['publish'] = (tx, contract, data, opts) =>
    enqueueEvent(tx, 'reminders', contract, data, opts);
  let clock = new Date();
  return {
    db,
    store,
    metrics,
    publish,
    scheduler,
    jobs: scheduler.jobs,
    now: () => clock,
    /** Moves this test's clock (the use cases read it through `now`). */
    setClock(at: Date) {
      clock = at;
    },
    /** `daybook_reminder_jobs_total{event}` so far. */
    async counted(event: 'scheduled' | 'fired' | 'cancelled' | 'stale') {
      return (await metrics.jobs.get()).values.find((v) => v.labels.event === event)?.value ?? 0;
    },
    /** Events written to the outbox, oldest first. */
    async published() {
      const rows = await db.$queryRawUnsafe<{ type: string; cloud_event: { data: unknown } }[]>(
        'SELECT type, cloud_event FROM outbox_events ORDER BY seq',
      );
      return rows.map((r) => ({ type: r.type, data: r.cloud_event.data }));
    },
    async close() {
      await db.$disconnect();
      await database.drop();
    },
  };
}

/** An open task of `userId` due in an hour, with the reminders given (times from `now`). */
export function openTask(userId: string, now: Date, overrides: Partial<TaskSnapshot> = {}): TaskSnapshot {
  return {
    ...taskCreated.example.task,
    id: randomUUID(),
    userId,
    title: 'Call the dentist',
    status: 'open',
    deletedAt: null,
    dueAt: new Date(now.getTime() + 60 * 60_000).toISOString(),
    reminders: [],
    ...overrides,
  };
}

/** An absolute reminder `minutes` from `now`. */
export const reminderIn = (now: Date, minutes: number) => ({
  id: randomUUID(),
  type: 'absolute' as const,
  at: new Date(now.getTime() + minutes * 60_000).toISOString(),
});
