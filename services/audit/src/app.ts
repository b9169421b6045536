import { TOPICS } from '@daybook/contracts';
import type { ServiceApp, ServiceKit } from '@daybook/service-kit';
import type { Env } from './env';
import { eventHandlers } from './events';
import { AuditStore } from './infrastructure/audit-store';
import type { Database } from './infrastructure/database';
import { jobHandlers } from './jobs';
import { routes } from './routes';
import { forgetUser } from './usecases/forget-user';
import { listEntityHistory } from './usecases/list-entity-history';
import { listUserActivity } from './usecases/list-user-activity';
import { recordEvent } from './usecases/record-event';

/** The kit as this service has it: its own environment and database client. */
export type Kit = ServiceKit<Env, Database>;

/**
 * The composition root of the audit service: builds the store and every use case once,
 * and hands them to the routes and event handlers that call them.
 */
export function buildApp(kit: Kit): ServiceApp<Database> {
  const store = new AuditStore(kit.db);
  return {
    routes: routes({
      requireUser: kit.requireUser,
      listEntityHistory: listEntityHistory({ store }),
      listUserActivity: listUserActivity({ store }),
    }),
    subscriptions: eventHandlers(kit, {
      recordEvent: recordEvent({ store }),
      forgetUser: forgetUser({ store, log: kit.log }),
    }),
    jobs: jobHandlers(),
    // Audit sees every topic, so it also counts every dead letter, whoever dead-lettered it.
    watchDeadLetters: TOPICS,
  };
}
