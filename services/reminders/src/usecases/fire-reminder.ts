import { reminderDue } from '@daybook/contracts';
import type { ServiceKit } from '@daybook/service-kit';
import type { ReminderMetrics } from '../infrastructure/reminder-metrics';
import type { ReminderStore } from '../infrastructure/reminder-store';
import type { ReminderJobData } from '../jobs/reminder-job';

export interface FireReminderDeps {
  store: ReminderStore;
  publish: ServiceKit['publish'];
  metrics: ReminderMetrics;
  now: () => Date;
}

export type FireReminder = (scheduling: ReminderJobData) => Promise<void>;

/**
 * A trigger from the Scheduler: publish reminder.due once, if the scheduling is still the
 * current one. The claim and the event commit together, so of two deliveries of one
 * trigger only one publishes, and a trigger of an outdated generation publishes nothing.
 */
export function fireReminder({ store, publish, metrics, now }: FireReminderDeps): FireReminder {
  return (scheduling) =>
    store.transaction(async (tx) => {
      const firedAt = now();
      const row = await store.claim(tx, scheduling, firedAt);
      if (!row) {
        metrics.jobs.inc({ event: 'stale' });
        return;
      }
      await publish(tx, reminderDue, {
        reminderId: row.reminderId,
        userId: row.userId,
        taskId: row.taskId,
        taskTitle: row.taskTitle,
        dueAt: row.dueAt?.toISOString() ?? null,
        firedAt: firedAt.toISOString(),
      });
      metrics.jobs.inc({ event: 'fired' });
      metrics.delay.observe(Math.max(0, firedAt.getTime() - row.fireAt.getTime()) / 1000);
    });
}
