import type { EventData, reminderDue } from '@daybook/contracts';
import { DateTime } from 'luxon';
import { knownZone } from '../domain/local-time';
import type { Tx } from '../infrastructure/database';
import type { NotificationStore } from '../infrastructure/notification-store';
import type { NotifyUser } from './notify-user';

export type DeliverReminder = (tx: Tx, eventId: string, due: EventData<typeof reminderDue>) => Promise<void>;

/** A reminder fired: an inbox item (and email) for the task, its due time in the user's zone. */
export function deliverReminder({
  store,
  notifyUser,
}: {
  store: NotificationStore;
  notifyUser: NotifyUser;
}): DeliverReminder {
  return async (tx, eventId, due) => {
    const { timeZone } = await store.recipient(tx, due.userId);
    const body = due.dueAt
      ? `Due ${DateTime.fromISO(due.dueAt, { zone: knownZone(timeZone) }).toFormat("ccc d LLL 'at' HH:mm")}`
      : 'A reminder for your task';
    await notifyUser(tx, {
      eventId,
      userId: due.userId,
      category: 'reminders',
      title: due.taskTitle || 'Reminder',
      body,
      taskId: due.taskId,
      reminderId: due.reminderId,
    });
  };
}
