import type { ServiceKit, Subscription } from '@daybook/service-kit';

/** Events the recurring service consumes. */
export function eventHandlers(_kit: ServiceKit): Subscription[] {
  return [];
}
