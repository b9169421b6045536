import { userDeleted, userRegistered, userUpdated } from '@daybook/contracts';
import { on, type ServiceKit, type Subscription } from '@daybook/service-kit';
import type { Prisma } from '../generated/prisma/client';

type Tx = Prisma.TransactionClient;

/** Events the tasks service consumes: what it needs to know about users. */
export function eventHandlers(_kit: ServiceKit): Subscription[] {
  return [
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
      await db.tag.deleteMany({ where: { userId } });
      await db.list.deleteMany({ where: { userId } });
      await db.userSettings.deleteMany({ where: { userId } });
    }),
  ];
}
