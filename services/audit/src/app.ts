import { TOPICS } from '@daybook/contracts';
import type { ServiceApp, ServiceKit } from '@daybook/service-kit';
import type { Env } from './env';
import { eventHandlers } from './events';
import { AuditStore } from './infrastructure/audit-store';
import type { Database } from './infrastructure/database';
import { jobHandlers } from './jobs';
import { schedulePeriodicSweep } from './jobs/sweep-expired-history';
import { routes } from './routes';
import { exportHistory } from './usecases/export-history';
import { forgetUser } from './usecases/forget-user';
import { listEntityHistory } from './usecases/list-entity-history';
import { listUserActivity } from './usecases/list-user-activity';
import { recordEvent } from './usecases/record-event';
import { sweepExpiredHistory } from './usecases/sweep-expired-history';

/** The kit as this service has it: its own environment and database client. */
export type Kit = ServiceKit<Env, Database>;

/**
 * The composition root of the audit service: builds the store and every use case once,
 * and hands them to the routes, event handlers and jobs that call them.
 */
export function buildApp(kit: Kit): ServiceApp<Database> {
  const store = new AuditStore(kit.db);
  const now = () => new Date();
  const sweep = sweepExpiredHistory({ store, retentionDays: kit.env.AUDIT_RETENTION_DAYS, log: kit.log, now });
  let sweeping: ReturnType<typeof schedulePeriodicSweep> | undefined;
  return {
    routes: routes({
      requireUser: kit.requireUser,
      listEntityHistory: listEntityHistory({ store }),
      listUserActivity: listUserActivity({ store }),
      exportHistory: exportHistory({ store }),
      log: kit.log,
    }),
    subscriptions: eventHandlers(kit, {
      recordEvent: recordEvent({ store }),
      forgetUser: forgetUser({ store, log: kit.log }),
    }),
    jobs: jobHandlers({ sweepExpiredHistory: sweep }),
    // Audit sees every topic, so it also counts every dead letter, whoever dead-lettered it.
    watchDeadLetters: TOPICS,
    onListening: () =>
      void (sweeping = schedulePeriodicSweep(kit.jobs, kit.env.AUDIT_RETENTION_SWEEP_SCHEDULE, kit.log)),
    onShutdown: async () => sweeping?.stop(),
  };
}
