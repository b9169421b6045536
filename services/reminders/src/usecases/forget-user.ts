import type { Jobs } from '@daybook/service-kit';
import { reminderJobId } from '../domain/desired-reminders';
import type { Tx } from '../infrastructure/database';
import type { ReminderMetrics } from '../infrastructure/reminder-metrics';
import type { ReminderStore } from '../infrastructure/reminder-store';
import { reminderJob } from '../jobs/reminder-job';

export interface ForgetUserDeps {
  store: ReminderStore;
  jobs: Jobs;
  metrics: ReminderMetrics;
}

export type ForgetUser = (tx: Tx, userId: string) => Promise<void>;

/** An account was deleted: cancel the jobs of its waiting reminders and drop all its rows. */
export function forgetUser({ store, jobs, metrics }: ForgetUserDeps): ForgetUser {
  return async (tx, userId) => {
    for (const row of await store.scheduledOfUser(tx, userId)) {
      await jobs.cancel(reminderJob, reminderJobId(row.taskId, row.reminderId, row.generation));
      metrics.jobs.inc({ event: 'cancelled' });
    }
    await store.removeAllOfUser(tx, userId);
  };
}
