import { ALL_EVENTS, userDeleted } from '@daybook/contracts';
import { on, type ServiceKit, type Subscription } from '@daybook/service-kit';
import { forgetUser } from './forget-user';
import { recordEvent } from './record-event';

/** Audit keeps the history of every event on every topic, until the user is deleted. */
export function eventHandlers(_kit: ServiceKit): Subscription[] {
  return ALL_EVENTS.map((contract) =>
    contract === userDeleted
      ? on(userDeleted, forgetUser)
      : on(contract, (event, ctx) => recordEvent(contract, event, ctx)),
  );
}
