import type { TaskSnapshot } from '@daybook/contracts';
import { desiredReminders, plannedReminders } from './desired-reminders';

/** What the service holds of one reminder of a task (a row of scheduled_reminders). */
export interface HeldReminder {
  reminderId: string;
  /** `scheduled` (a job waits), `fired`, or `cancelled` (its moment passed unfired). */
  status: string;
  fireAt: Date;
  generation: number;
  taskTitle: string;
  /** Set while the reminder is snoozed: the time the task asked for when it was snoozed. */
  snoozedFrom: Date | null;
}

/** One scheduling of a reminder: its job is `<taskId>.<reminderId>.<generation>`. */
export interface Scheduling {
  reminderId: string;
  fireAt: Date;
  generation: number;
}

/** What to do so that the reminders held for a task match what the task now asks for. */
export interface ReconcilePlan {
  /** Schedulings whose jobs must go: the reminder is no longer wanted at that time. */
  cancel: { reminderId: string; generation: number }[];
  /** Reminders already waiting at the right time whose copy of the task's title is out of date. */
  retitle: string[];
  /** Reminders to forget: removed from the task, or the task is done or deleted. */
  remove: string[];
  /** Reminders still on the task whose moment is now in the past: they will not fire late. */
  expire: string[];
  /** New schedulings, each one generation past the reminder's last (so stale triggers are no-ops). */
  schedule: Scheduling[];
}

/**
 * Compares the reminders held for a task with the ones it asks for (desiredReminders) at
 * `now`: a reminder already waiting at the right time is left alone; any other waiting
 * one is cancelled; wanted ones not waiting at their time are scheduled anew. A snoozed
 * reminder stands while the task still asks for the time that was snoozed (an edit of the
 * title or notes keeps the snooze; moving the reminder or the due date replaces it).
 */
export function planReconciliation(task: TaskSnapshot, held: HeldReminder[], now: Date): ReconcilePlan {
  const desired = new Map(desiredReminders(task, now).map((r) => [r.reminderId, r]));
  const live = task.status === 'open' && !task.deletedAt;
  const onTask = new Set(live ? task.reminders.map((r) => r.id) : []);
  const plan: ReconcilePlan = { cancel: [], retitle: [], remove: [], expire: [], schedule: [] };
  const planned = new Map(plannedReminders(task).map((r) => [r.reminderId, r.fireAt.getTime()]));
  for (const row of held) {
    if (row.snoozedFrom && row.status !== 'cancelled' && planned.get(row.reminderId) === row.snoozedFrom.getTime()) {
      desired.delete(row.reminderId);
      if (row.status === 'scheduled' && row.taskTitle !== task.title) plan.retitle.push(row.reminderId);
      continue;
    }
    const want = desired.get(row.reminderId);
    if (want && row.status === 'scheduled' && row.fireAt.getTime() === want.fireAt.getTime()) {
      desired.delete(row.reminderId); // already waiting at the right time
      if (row.taskTitle !== task.title) plan.retitle.push(row.reminderId);
      continue;
    }
    if (want && row.status === 'fired' && row.fireAt.getTime() === want.fireAt.getTime()) {
      // Already fired at that very time (an edit within the late grace would otherwise
      // fire it a second time); moved to another time, it is scheduled anew below.
      desired.delete(row.reminderId);
      continue;
    }
    if (row.status === 'scheduled') plan.cancel.push({ reminderId: row.reminderId, generation: row.generation });
    if (!onTask.has(row.reminderId)) plan.remove.push(row.reminderId);
    else if (!want && row.status === 'scheduled') plan.expire.push(row.reminderId);
  }
  // Every wanted reminder is on the task, so none of them is among the removed rows.
  const generations = new Map(held.map((r) => [r.reminderId, r.generation]));
  for (const want of desired.values()) {
    plan.schedule.push({
      reminderId: want.reminderId,
      fireAt: want.fireAt,
      generation: (generations.get(want.reminderId) ?? 0) + 1,
    });
  }
  return plan;
}
