import type { Subscription } from '@daybook/service-kit';
import type { Kit } from '../app';

/** Events the notifications service consumes: each handler translates and calls a use case. */
export function eventHandlers(_kit: Kit): Subscription[] {
  return [];
}
