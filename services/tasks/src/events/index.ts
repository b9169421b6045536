import {
  journalTaskRequested,
  occurrenceRequested,
  userDeleted,
  userRegistered,
  userUpdated,
} from '@daybook/contracts';
import type { ServiceApp } from '@daybook/service-kit';
import type { Kit, UseCases } from '../app';
import type { Database } from '../infrastructure/database';

/**
 * Events the tasks service consumes: occurrence requests, and what it needs to know about
 * users. Each handler translates the event and calls a use case in the event's transaction.
 */
export function eventHandlers(
  kit: Kit,
  useCases: Pick<UseCases, 'createOccurrence' | 'createRequestedTask' | 'rememberUserTimeZone' | 'forgetUser'>,
): NonNullable<ServiceApp<Database>['subscriptions']> {
  const { createOccurrence, createRequestedTask, rememberUserTimeZone, forgetUser } = useCases;
  return [
    // The recurring service asks for the next occurrence of a series.
    kit.on(occurrenceRequested, async (event, { tx, log }) => {
      const task = await createOccurrence(tx, event.data);
      log.info(
        { occurrenceKey: event.data.occurrenceKey, taskId: task?.id ?? null },
        task ? 'occurrence created' : 'occurrence already exists or its template is gone',
      );
    }),
    // A person turned a journal suggestion into a task.
    kit.on(journalTaskRequested, async (event, { tx, log }) => {
      const task = await createRequestedTask(tx, event.data);
      log.info(
        { requestId: event.data.requestId, taskId: task?.id ?? null },
        task ? 'requested task created' : 'task request already handled',
      );
    }),
    // The user's time zone: where a date without a time is due.
    kit.on(userRegistered, (event, { tx }) => rememberUserTimeZone(tx, event.data.userId, event.data.timeZone)),
    kit.on(userUpdated, (event, { tx }) => rememberUserTimeZone(tx, event.data.userId, event.data.timeZone)),
    // An account was deleted: remove everything of that user's.
    kit.on(userDeleted, (event, { tx }) => forgetUser(tx, event.data.userId)),
  ];
}
