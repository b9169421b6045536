import type { ServiceApp, ServiceKit } from '@daybook/service-kit';
import type { Env } from './env';
import { eventHandlers } from './events';
import type { Database } from './infrastructure/database';
import { jobHandlers } from './jobs';
import { routes } from './routes';

/** The kit as this service has it: its own environment and database client. */
export type Kit = ServiceKit<Env, Database>;

/**
 * The composition root of the realtime service: builds every store, adapter and use case
 * once, and hands them to the routes, event handlers and job handlers that call them.
 */
export function buildApp(kit: Kit): ServiceApp<Database> {
  return { routes: routes(), subscriptions: eventHandlers(kit), jobs: jobHandlers() };
}
