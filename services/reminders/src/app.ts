import type { ServiceApp, ServiceKit } from '@daybook/service-kit';
import type { Env } from './env';
import { eventHandlers } from './events';
import type { Database } from './infrastructure/database';
import { reminderMetrics } from './infrastructure/reminder-metrics';
import { ReminderStore } from './infrastructure/reminder-store';
import { jobHandlers } from './jobs';
import { routes } from './routes';
import { fireReminder } from './usecases/fire-reminder';
import { forgetUser } from './usecases/forget-user';
import { listReminders } from './usecases/list-reminders';
import { reconcileReminders } from './usecases/reconcile-reminders';
import { snoozeReminder } from './usecases/snooze-reminder';

/** The kit as this service has it: its own environment and database client. */
export type Kit = ServiceKit<Env, Database>;

/**
 * The composition root of the reminders service: builds the store, the metrics and every
 * use case once, and hands them to the routes, event handlers and job handlers that call
 * them. Times are this process's clock (jobs are scheduled relative to it).
 */
export function buildApp(kit: Kit): ServiceApp<Database> {
  const now = () => new Date();
  const store = new ReminderStore(kit.db);
  const metrics = reminderMetrics(kit.metrics.registry);
  const { jobs, publish } = kit;

  const useCases = {
    reconcileReminders: reconcileReminders({ store, jobs, metrics, now }),
    forgetUser: forgetUser({ store, jobs, metrics }),
    fireReminder: fireReminder({ store, publish, metrics, now }),
    snoozeReminder: snoozeReminder({ store, jobs, metrics, now }),
    listReminders: listReminders({ store }),
  };

  return {
    routes: routes({ requireUser: kit.requireUser, ...useCases }),
    subscriptions: eventHandlers(kit, useCases),
    jobs: jobHandlers(useCases),
  };
}
