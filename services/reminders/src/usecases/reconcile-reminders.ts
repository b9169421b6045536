import type { TaskSnapshot } from '@daybook/contracts';
import type { Jobs } from '@daybook/service-kit';
import { reminderJobId } from '../domain/desired-reminders';
import { planReconciliation } from '../domain/reconciliation';
import type { Tx } from '../infrastructure/database';
import type { ReminderMetrics } from '../infrastructure/reminder-metrics';
import type { ReminderStore } from '../infrastructure/reminder-store';
import { reminderJob } from '../jobs/reminder-job';

export interface ReconcileRemindersDeps {
  store: ReminderStore;
  jobs: Jobs;
  metrics: ReminderMetrics;
  now: () => Date;
}

export type ReconcileReminders = (tx: Tx, task: TaskSnapshot) => Promise<void>;

/**
 * Any task event: bring the task's reminder jobs in step with what it now asks for.
 * Completing or deleting the task cancels them, a changed time reschedules (a new
 * generation, so the old job's trigger, should it come, is a no-op), a time long past
 * is not fired late.
 */
export function reconcileReminders({ store, jobs, metrics, now }: ReconcileRemindersDeps): ReconcileReminders {
  return async (tx, task) => {
    const plan = planReconciliation(task, await store.ofTask(tx, task.id), now());
    for (const { reminderId, generation } of plan.cancel) {
      await jobs.cancel(reminderJob, reminderJobId(task.id, reminderId, generation));
      metrics.jobs.inc({ event: 'cancelled' });
    }
    for (const reminderId of plan.retitle) await store.retitle(tx, task.id, reminderId, task.title);
    for (const reminderId of plan.remove) await store.remove(tx, task.id, reminderId);
    for (const reminderId of plan.expire) await store.expire(tx, task.id, reminderId);
    const copy = {
      id: task.id,
      userId: task.userId,
      title: task.title,
      dueAt: task.dueAt ? new Date(task.dueAt) : null,
    };
    for (const scheduling of plan.schedule) {
      const { reminderId, generation, fireAt } = scheduling;
      await store.saveScheduling(tx, copy, scheduling);
      await jobs.schedule(
        reminderJob,
        reminderJobId(task.id, reminderId, generation),
        { at: fireAt },
        {
          taskId: task.id,
          reminderId,
          generation,
        },
      );
      metrics.jobs.inc({ event: 'scheduled' });
    }
  };
}
