import { Conflict, InvalidInput, type Jobs } from '@daybook/service-kit';
import { reminderJobId } from '../domain/desired-reminders';
import { snoozeStateProblem, snoozeTimeProblem, snoozeUntil, type Snooze } from '../domain/snooze';
import type { ReminderMetrics } from '../infrastructure/reminder-metrics';
import type { ReminderRow, ReminderStore } from '../infrastructure/reminder-store';
import { reminderJob } from '../jobs/reminder-job';

export interface SnoozeReminderDeps {
  store: ReminderStore;
  jobs: Jobs;
  metrics: ReminderMetrics;
  now: () => Date;
}

export interface SnoozeRequest {
  userId: string;
  taskId: string;
  reminderId: string;
  snooze: Snooze;
}

export type SnoozeReminder = (request: SnoozeRequest) => Promise<ReminderRow>;

/**
 * Snooze: fire one of the user's reminders again later, under a new generation (a waiting
 * job is replaced). A time not in the future or more than 30 days ahead is refused
 * (InvalidInput on `body.until`), someone else's reminder is NotFound, and a reminder
 * cancelled with its task is a Conflict.
 */
export function snoozeReminder({ store, jobs, metrics, now }: SnoozeReminderDeps): SnoozeReminder {
  return async ({ userId, taskId, reminderId, snooze }) => {
    const at = now();
    const until = snoozeUntil(snooze, at);
    const timeProblem = snoozeTimeProblem(until, at);
    if (timeProblem) throw new InvalidInput('body.until', timeProblem);
    return store.transaction(async (tx) => {
      const row = await store.ownedBy(tx, userId, taskId, reminderId);
      const stateProblem = snoozeStateProblem(row.status);
      if (stateProblem) throw new Conflict(stateProblem);
      if (row.status === 'scheduled') {
        await jobs.cancel(reminderJob, reminderJobId(taskId, reminderId, row.generation));
        metrics.jobs.inc({ event: 'cancelled' });
      }
      const generation = row.generation + 1;
      const updated = await store.snooze(tx, row, until, generation);
      await jobs.schedule(
        reminderJob,
        reminderJobId(taskId, reminderId, generation),
        { at: until },
        {
          taskId,
          reminderId,
          generation,
        },
      );
      metrics.jobs.inc({ event: 'scheduled' });
      return updated;
    });
  };
}
