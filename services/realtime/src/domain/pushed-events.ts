import { ALL_EVENTS, eventUserId, sensitivePaths, type EventContract } from '@daybook/contracts';

/** Topics whose events concern one user and are pushed to that user's devices. */
export const PUSHED_TOPICS = [
  'task-events',
  'recurring-events',
  'reminder-events',
  'notification-events',
  'journal-events',
] as const;

/**
 * The contracts realtime records and pushes: every event on a pushed topic, except any with
 * a sensitive (sealed) field, which must never leave the service it is sealed for. Read
 * from the catalogue, so a new event on these topics is pushed without a change here.
 */
export function pushedContracts(catalogue: readonly EventContract[] = ALL_EVENTS): EventContract[] {
  return catalogue.filter(
    (c) => (PUSHED_TOPICS as readonly string[]).includes(c.topic) && sensitivePaths(c).length === 0,
  );
}

/** The user an event concerns (contracts' one rule); an event naming none is pushed to nobody. */
export const userOf = eventUserId;
