// For the use cases' integration tests only (nothing in the service imports it): every use
// case as app.ts builds it, on a fresh PostgreSQL database, publishing into the real outbox.
import { randomUUID } from 'node:crypto';
import type { EventData, occurrenceRequested } from '@daybook/contracts';
import { enqueueEvent, enqueueEventAlong } from '@daybook/service-kit';
import { createTestDatabase, dateTimeFrom, instantFrom } from '@daybook/testing';
import { buildUseCases } from './app';
import type { CreateTaskInput } from './domain/task-input';
import { openDatabase, type Tx } from './infrastructure/database';
import type { Publish, PublishAlong } from './infrastructure/outbox';

/** Publishes as the kit does: into the tasks schema's outbox, in the caller's transaction. */
const publishToOutbox: Publish = (tx, contract, data, opts) => enqueueEvent(tx, 'tasks', contract, data, opts);
const publishAlongToOutbox: PublishAlong = (tx, change, contract, data, opts) =>
  enqueueEventAlong(tx, 'tasks', change, contract, data, opts);

export async function useCaseHarness() {
  const database = await createTestDatabase(['tasks']);
  const db = openDatabase({ DATABASE_URL: database.url }, 'tasks');
  const useCases = buildUseCases({ db, publish: publishToOutbox, publishAlong: publishAlongToOutbox });
  return {
    ...useCases,
    db,
    /** Runs `fn` in a transaction, as the kit runs an event handler. */
    inTransaction: <R>(fn: (tx: Tx) => Promise<R>) => db.$transaction(fn),
    /** A task of `userId`'s, created as a person creates one. */
    aTask: (userId: string, input: Partial<CreateTaskInput> = {}) =>
      useCases.createTask(userId, { title: 'Water the plants', ...input }),
    /** A tag of `userId`'s. */
    aTag: (userId: string, name = `tag ${randomUUID().slice(0, 8)}`) =>
      useCases.createTag(userId, { name, color: null }),
    /** The events about one task in the outbox (committed), oldest first. */
    async events(taskId: string) {
      const rows = await db.$queryRawUnsafe<{ type: string; cloud_event: { data: TaskEventData } }[]>(
        'SELECT type, cloud_event FROM outbox_events WHERE partition_key = $1 ORDER BY seq',
        taskId,
      );
      return rows.map((r) => ({ type: r.type, data: r.cloud_event.data }));
    },
    async close() {
      await db.$disconnect();
      await database.drop();
    },
  };
}
export type UseCaseHarness = Awaited<ReturnType<typeof useCaseHarness>>;

/** What a task event carries, read loosely (each test checks what it needs). */
export interface TaskEventData {
  task: { id: string; version: number; title: string; tags: { name: string }[] } & Record<string, unknown>;
  before?: { version: number; title: string; tags: { name: string }[] } & Record<string, unknown>;
  scope?: string;
}

/**
 * A daily series at 10:00 UTC, starting in three days, and the occurrence after its first
 * (as the recurring service asks for it). Returns the first task and the second.
 */
export async function aSeriesOfTwo(h: UseCaseHarness, userId: string, input: Partial<CreateTaskInput> = {}) {
  const first = await h.aTask(userId, {
    due: { dateTime: dateTimeFrom(3, '10:00'), timeZone: 'UTC' },
    recurrence: { rrule: 'FREQ=DAILY', mode: 'after-completion' },
    ...input,
  });
  const second = await h.inTransaction((tx) => h.createOccurrence(tx, occurrenceRequest(first, 4)));
  if (!second) throw new Error('the second occurrence was not created');
  return { first, second };
}

/** The recurring service's request for the occurrence of `series` due `days` from today at 10:00 UTC. */
export function occurrenceRequest(
  series: { id: string; userId: string },
  days: number,
): EventData<typeof occurrenceRequested> {
  const dateTime = dateTimeFrom(days, '10:00');
  return {
    seriesId: series.id,
    userId: series.userId,
    templateTaskId: series.id,
    occurrenceKey: `${series.id}:${dateTime}`,
    due: { dateTime, timeZone: 'UTC' },
    dueAt: instantFrom(days, '10:00').toUTC().toISO()!,
    timeZone: 'UTC',
  };
}
