import type { ServiceKit, Subscription } from '@daybook/service-kit';

/** Events the journal service consumes. */
export function eventHandlers(_kit: ServiceKit): Subscription[] {
  return [];
}
