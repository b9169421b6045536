// Fixtures for the recurring service's use case tests: a real database of its own schema,
// the kit's outbox as the publisher, and a Jobs that records instead of calling a sidecar.
import { randomUUID } from 'node:crypto';
import { occurrenceRequested, type EventData, type TaskSnapshot } from '@daybook/contracts';
import { createLogger, enqueueEvent, jobName, type Jobs, type ServiceKit } from '@daybook/service-kit';
import { createTestDatabase, dateTimeFrom } from '@daybook/testing';
import { instant } from './domain/next-occurrence';
import { openDatabase, type Database } from './infrastructure/database';

export const silentLog = createLogger('recurring', 'silent');

/** A fresh database (every schema migrated) and the recurring service's client on it. */
export async function openTestDatabase(): Promise<{ db: Database; close(): Promise<void> }> {
  const test = await createTestDatabase(['recurring']);
  const db = openDatabase({ DATABASE_URL: test.url }, 'recurring');
  return {
    db,
    close: async () => {
      await db.$disconnect();
      await test.drop();
    },
  };
}

/** Publishes as the kit does: into the recurring schema's outbox, in the caller's transaction. */
export const publishToOutbox: ServiceKit['publish'] = (tx, contract, data, opts) =>
  enqueueEvent(tx, 'recurring', contract, data, opts);

/** The occurrence requests in the outbox (committed), oldest first; optionally of one series. */
export async function requestedOccurrences(
  db: Database,
  seriesId?: string,
): Promise<EventData<typeof occurrenceRequested>[]> {
  const rows = await db.$queryRawUnsafe<{ cloud_event: { data: unknown } }[]>(
    'SELECT cloud_event FROM outbox_events WHERE type = $1 ORDER BY seq',
    occurrenceRequested.type,
  );
  return rows
    .map((r) => occurrenceRequested.schema.parse(r.cloud_event.data))
    .filter((d) => seriesId === undefined || d.seriesId === seriesId);
}

export type JobCall =
  { op: 'schedule'; name: string; at: Date | undefined; data: unknown } | { op: 'cancel'; name: string };

/** Jobs that records each schedule and cancel (by job name, as the Scheduler would see it). */
export function recordingJobs(): Jobs & { calls: JobCall[] } {
  const calls: JobCall[] = [];
  return {
    calls,
    async schedule(def, id, when, data) {
      calls.push({ op: 'schedule', name: jobName(def.kind, id), at: 'at' in when ? when.at : undefined, data });
      def.data.parse(data);
    },
    async cancel(def, id) {
      calls.push({ op: 'cancel', name: jobName(def.kind, id) });
    },
  };
}

/**
 * A task as tasks publishes it: recurring daily after completion from 09:00 London tomorrow,
 * unless `overrides` say otherwise (`dueAt` follows `due` when it is a date-time).
 */
export function taskSnapshot(overrides: Partial<TaskSnapshot> = {}): TaskSnapshot {
  const now = new Date().toISOString();
  const task: TaskSnapshot = {
    id: randomUUID(),
    userId: randomUUID(),
    title: 'Water the plants',
    notes: '',
    status: 'open',
    priority: 'none',
    tags: [],
    listId: null,
    due: { dateTime: `${dateTimeFrom(1, '09:00', 'Europe/London')}:00`, timeZone: 'Europe/London' },
    dueAt: null,
    reminders: [],
    recurrence: { rrule: 'FREQ=DAILY', mode: 'after-completion' },
    seriesId: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
    completedAt: null,
    deletedAt: null,
    ...overrides,
  };
  if (task.due && 'dateTime' in task.due && !('dueAt' in overrides)) {
    task.dueAt = instant(task.due.dateTime, task.due.timeZone).toISOString();
  }
  return task;
}
