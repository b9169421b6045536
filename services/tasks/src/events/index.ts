import { occurrenceRequested, userDeleted, userRegistered, userUpdated } from '@daybook/contracts';
import { on, type ServiceKit, type Subscription } from '@daybook/service-kit';
import type { Prisma } from '../generated/prisma/client';
import type { Database } from '../infrastructure/database';
import { TaskStore } from '../infrastructure/task-store';

type Tx = Prisma.TransactionClient;

/** Events the tasks service consumes: occurrence requests, and what it needs to know about users. */
export function eventHandlers(kit: ServiceKit): Subscription[] {
  const store = new TaskStore(kit.db as unknown as Database, kit);
  return [
    // The recurring service asks for the next occurrence of a series.
    on(occurrenceRequested, async (event, { tx, log }) => {
      const task = await store.createOccurrence(tx as Tx, event.data);
      log.info(
        { occurrenceKey: event.data.occurrenceKey, taskId: task?.id ?? null },
        task ? 'occurrence created' : 'occurrence already exists or its template is gone',
      );
    }),
    // The user's time zone: where a date without a time is due.
    on(userRegistered, async (event, { tx }) => {
      const { userId, timeZone } = event.data;
      await (tx as Tx).userSettings.upsert({ where: { userId }, create: { userId, timeZone }, update: { timeZone } });
    }),
    on(userUpdated, async (event, { tx }) => {
      const { userId, timeZone } = event.data;
      await (tx as Tx).userSettings.upsert({ where: { userId }, create: { userId, timeZone }, update: { timeZone } });
    }),
    // An account was deleted: remove everything of that user's (tags and reminders cascade).
    on(userDeleted, async (event, { tx }) => {
      const { userId } = event.data;
      const db = tx as Tx;
      await db.task.deleteMany({ where: { userId } });
      await db.seriesTemplate.deleteMany({ where: { userId } });
      await db.tag.deleteMany({ where: { userId } });
      await db.list.deleteMany({ where: { userId } });
      await db.userSettings.deleteMany({ where: { userId } });
    }),
  ];
}
