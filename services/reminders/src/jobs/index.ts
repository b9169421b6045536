import { job, type JobHandler, type ServiceKit } from '@daybook/service-kit';
import type { Database } from '../infrastructure/database';
import { REMINDER_JOB, ReminderScheduler } from '../infrastructure/reminder-scheduler';

/** `reminder--<taskId>.<reminderId>.<generation>`: a reminder falls due. */
export function jobHandlers(kit: ServiceKit): JobHandler[] {
  const scheduler = new ReminderScheduler(kit);
  const db = kit.db as unknown as Database;
  return [job(REMINDER_JOB, ({ id }) => db.$transaction((tx) => scheduler.fire(tx, id)))];
}
