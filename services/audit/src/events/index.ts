import { ALL_EVENTS } from '@daybook/contracts';
import { on, type ServiceKit, type Subscription } from '@daybook/service-kit';
import { recordEvent } from './record-event';

/** Audit keeps the history of every event on every topic. */
export function eventHandlers(_kit: ServiceKit): Subscription[] {
  return ALL_EVENTS.map((contract) => on(contract, recordEvent));
}
