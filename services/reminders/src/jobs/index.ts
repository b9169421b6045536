import { job, type JobHandler } from '@daybook/service-kit';
import type { FireReminder } from '../usecases/fire-reminder';
import { reminderJob } from './reminder-job';

/** Dapr jobs the reminders service handles (POST /job/<kind>--<id>): each calls a use case. */
export function jobHandlers(useCases: { fireReminder: FireReminder }): JobHandler[] {
  return [job(reminderJob, (data) => useCases.fireReminder(data))];
}
