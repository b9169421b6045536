import type { ReminderRow, ReminderStore } from '../infrastructure/reminder-store';

export type ListReminders = (query: { userId: string; taskId?: string }) => Promise<ReminderRow[]>;

/** The user's reminders (of one task, if given) that are waiting or have fired, soonest first. */
export function listReminders({ store }: { store: ReminderStore }): ListReminders {
  return ({ userId, taskId }) => store.list(userId, taskId);
}
