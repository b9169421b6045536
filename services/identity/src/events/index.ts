import type { ServiceApp } from '@daybook/service-kit';
import type { Database } from '../infrastructure/database';

/** Events the identity service consumes: none (it is where the user events come from). */
export function eventHandlers(): NonNullable<ServiceApp<Database>['subscriptions']> {
  return [];
}
