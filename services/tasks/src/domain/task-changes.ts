import type { FieldProblem } from '@daybook/service-kit';
import type { Prisma } from '../generated/prisma/client';
import { computeDueAt, type Due } from './due';
import { seriesEnd, type RecurrenceInput, type UpdateTaskInput } from './task-input';
import type { TaskRecord } from './task-view';

// What a write does to a task's columns, and the checks an edit makes on the task as a
// whole (the request schemas check each request on its own). Field names are the API's.

/** Where a date without a zone is due when the user's own zone is not known (yet). */
export const DEFAULT_TIME_ZONE = 'UTC';

/** The task's due date as entered, or null. */
export function dueOf(t: TaskRecord): Due | null {
  if (t.dueDateTime) return { dateTime: t.dueDateTime, timeZone: t.dueTimeZone! };
  if (t.dueDate) return { date: t.dueDate, timeZone: t.dueTimeZone ?? undefined };
  return null;
}

/** A date without a zone of its own is due in the user's zone, which has to be looked up. */
export const needsUserTimeZone = (due: Due | null | undefined): boolean =>
  Boolean(due && 'date' in due && !due.timeZone);

export interface DueColumns {
  dueDate: string | null;
  dueDateTime: string | null;
  dueTimeZone: string | null;
  dueAt: Date | null;
}

/** The columns that store a due date, with the instant it falls on (see computeDueAt). */
export function dueColumns(due: Due | null, userTimeZone?: string | null): DueColumns {
  if (!due) return { dueDate: null, dueDateTime: null, dueTimeZone: null, dueAt: null };
  const zone = 'dateTime' in due ? due.timeZone : (due.timeZone ?? userTimeZone ?? DEFAULT_TIME_ZONE);
  return {
    dueDate: 'date' in due ? due.date : null,
    dueDateTime: 'dateTime' in due ? due.dateTime : null,
    dueTimeZone: due.timeZone ?? null,
    dueAt: computeDueAt(due, zone),
  };
}

/** The columns that store a recurrence rule (null: no rule). */
export function recurrenceColumns(recurrence: RecurrenceInput | null | undefined) {
  return {
    recurrenceRule: recurrence?.rrule ?? null,
    recurrenceMode: recurrence?.mode ?? null,
    recurrenceMissed: recurrence?.missed ?? null,
    recurrenceExdates: recurrence?.exdates ?? [],
  };
}

/**
 * What is wrong with the task an edit would leave (a partial edit is checked against the
 * fields it keeps): relative reminders or a rule without a due date, an absolute reminder
 * after the end of the series.
 */
export function editProblems(before: TaskRecord, input: UpdateTaskInput): FieldProblem[] {
  const due = input.due === undefined ? dueOf(before) : input.due;
  const reminders: { type: string; at?: string | Date | null }[] = input.reminders ?? before.reminders;
  const recurrence = input.recurrence === undefined ? before.recurrenceRule : input.recurrence;
  const end = recurrence ? seriesEnd(typeof recurrence === 'string' ? recurrence : recurrence.rrule) : undefined;
  return [
    ...(due
      ? []
      : reminders.map((r, i) =>
          r.type === 'relative'
            ? { field: `body.reminders.${i}`, message: 'a reminder relative to the due date needs a due date' }
            : null,
        )),
    ...(!due && recurrence ? [{ field: 'body.recurrence', message: 'a recurring task needs a due date' }] : []),
    ...reminders.map((r, i) => {
      const at = r.at ? new Date(r.at) : undefined;
      return end && r.type === 'absolute' && at && at > end
        ? { field: `body.reminders.${i}.at`, message: `is after the series ends (UNTIL ${end.toISOString()})` }
        : null;
    }),
  ].filter((p): p is FieldProblem => p !== null);
}

/** The task columns an edit sets directly (the due date, tags and reminders aside). */
export function editColumns(input: Omit<UpdateTaskInput, 'due'>): Prisma.TaskUncheckedUpdateInput {
  const data: Prisma.TaskUncheckedUpdateInput = {};
  if (input.title !== undefined) data.title = input.title;
  if (input.notes !== undefined) data.notes = input.notes;
  if (input.priority !== undefined) data.priority = input.priority;
  if (input.listId !== undefined) data.listId = input.listId;
  if (input.parentId !== undefined) data.parentId = input.parentId;
  if (input.recurrence !== undefined) Object.assign(data, recurrenceColumns(input.recurrence));
  return data;
}
