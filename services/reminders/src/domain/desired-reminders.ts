import type { TaskSnapshot } from '@daybook/contracts';

export interface DesiredReminder {
  reminderId: string;
  fireAt: Date;
}

/**
 * The reminders of a task that should be waiting to fire: none for a done or deleted task;
 * an absolute one at its time, a relative one before the due instant; only those still in
 * the future, or just past (events can lag: a reminder up to LATE_GRACE_MS late still
 * fires, at once; one older than that is not fired hours late on an edit).
 */
export const LATE_GRACE_MS = 5 * 60_000;

export function desiredReminders(task: TaskSnapshot, now = new Date()): DesiredReminder[] {
  return plannedReminders(task).filter((r) => r.fireAt.getTime() > now.getTime() - LATE_GRACE_MS);
}

/** The time each reminder of an open task asks for, past or future. */
export function plannedReminders(task: TaskSnapshot): DesiredReminder[] {
  if (task.status !== 'open' || task.deletedAt) return [];
  return task.reminders
    .map((r) => {
      if (r.type === 'absolute') return { reminderId: r.id, fireAt: new Date(r.at) };
      if (!task.dueAt) return undefined;
      return { reminderId: r.id, fireAt: new Date(new Date(task.dueAt).getTime() - r.minutesBefore * 60_000) };
    })
    .filter((r): r is DesiredReminder => r !== undefined);
}

/** `reminder--<taskId>.<reminderId>.<generation>`: the job of one scheduling of a reminder. */
export const reminderJobId = (taskId: string, reminderId: string, generation: number) =>
  `${taskId}.${reminderId}.${generation}`;

export function parseReminderJobId(id: string): { taskId: string; reminderId: string; generation: number } | undefined {
  const m = /^([0-9a-f-]{36})\.([0-9a-f-]{36})\.(\d+)$/.exec(id);
  return m ? { taskId: m[1]!, reminderId: m[2]!, generation: Number(m[3]) } : undefined;
}
