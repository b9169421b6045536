import { ALL_EVENTS, userDeleted, type EventContract } from '@daybook/contracts';
import type { Subscription } from '@daybook/service-kit';
import type { Kit } from '../app';
import type { Tx } from '../infrastructure/database';
import type { ForgetUser } from '../usecases/forget-user';
import type { RecordEvent } from '../usecases/record-event';

/**
 * Audit keeps the history of every event on every topic, until the user is deleted. Each
 * handler writes in the event's transaction (`tx`), beside its inbox record: applied once.
 */
export function eventHandlers(
  kit: Pick<Kit, 'on'>,
  usecases: { recordEvent: RecordEvent; forgetUser: ForgetUser },
): Subscription<EventContract, Tx>[] {
  return ALL_EVENTS.map((contract) =>
    contract === userDeleted
      ? kit.on(userDeleted, async (event, { tx }) => {
          await usecases.forgetUser(event.data.userId, tx);
        })
      : // Recording writes nothing but its rows: a delivery's events share one transaction.
        kit.on(contract, (event, { tx }) => usecases.recordEvent(contract, event, tx), { batch: true }),
  );
}
