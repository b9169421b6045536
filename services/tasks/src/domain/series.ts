import type { EventData, SeriesScope, occurrenceRequested } from '@daybook/contracts';
import type { FieldProblem } from '@daybook/service-kit';
import type { Prisma, SeriesTemplate } from '../generated/prisma/client';
import { recurrenceColumns } from './task-changes';
import type { ReminderInput, UpdateTaskInput } from './task-input';
import type { TaskRecord } from './task-view';

// The rules of a recurring series. Its first task's id is the series id; each next
// occurrence is a copy of the series template (everything but the due date, which the
// recurring service computes); the template follows edits made "for this and future".

/**
 * How far an edit of a task in a series reaches: the scope asked for, else `future` for
 * the latest occurrence and `this` for an older one. Undefined for a task in no series.
 */
export function editScope(
  template: Pick<SeriesTemplate, 'latestTaskId'> | null,
  taskId: string,
  requested: SeriesScope | undefined,
): SeriesScope | undefined {
  if (!template) return undefined;
  return requested ?? (template.latestTaskId === taskId ? 'future' : 'this');
}

/** An edit that cannot mean what it says for a series, naming the field at fault. */
export function seriesEditProblem(
  scope: SeriesScope | undefined,
  isLatest: boolean,
  input: UpdateTaskInput,
): FieldProblem | undefined {
  if (scope === 'this' && input.recurrence !== undefined) {
    return { field: 'body.recurrence', message: 'the rule belongs to the whole series; change it with scope=future' };
  }
  if (scope === 'future' && !isLatest && input.due !== undefined) {
    return {
      field: 'body.due',
      message: 'only the latest occurrence moves the series; move an older one with scope=this',
    };
  }
  return undefined;
}

/**
 * What a "this and future" edit does to the later occurrences: everything but the due date
 * (each keeps its own), and only relative reminders (an absolute one is for one occurrence).
 */
export function sharedWithLater(input: UpdateTaskInput): Omit<UpdateTaskInput, 'due' | 'parentId'> {
  // Where an occurrence sits (its parent) is its own, like its due date.
  const { due: _ownDue, parentId: _ownParent, ...shared } = input;
  if (shared.reminders) shared.reminders = shared.reminders.filter((r) => r.type === 'relative');
  return shared;
}

/** What the next occurrences of a series copy from `task` (everything but its due date). */
export function templateOf(task: TaskRecord, now: Date = new Date()) {
  return {
    userId: task.userId,
    title: task.title,
    notes: task.notes,
    priority: task.priority,
    listId: task.listId,
    tagIds: task.tags.map((t) => t.tagId),
    reminderMinutes: task.reminders.filter((r) => r.type === 'relative').map((r) => r.minutesBefore!),
    recurrenceRule: task.recurrenceRule,
    recurrenceMode: task.recurrenceMode,
    recurrenceMissed: task.recurrenceMissed,
    recurrenceExdates: task.recurrenceExdates,
    latestTaskId: task.id,
    updatedAt: now,
  } satisfies Omit<Prisma.SeriesTemplateUncheckedCreateInput, 'seriesId'>;
}

/** The template changes a "this and future" edit makes: only the fields it edits. */
export function templateChanges(
  input: Omit<UpdateTaskInput, 'due'>,
  now: Date = new Date(),
): Prisma.SeriesTemplateUpdateInput {
  const data: Prisma.SeriesTemplateUpdateInput = { updatedAt: now };
  if (input.title !== undefined) data.title = input.title;
  if (input.notes !== undefined) data.notes = input.notes;
  if (input.priority !== undefined) data.priority = input.priority;
  if (input.listId !== undefined) data.listId = input.listId;
  if (input.tagIds !== undefined) data.tagIds = input.tagIds;
  if (input.reminders !== undefined) {
    data.reminderMinutes = input.reminders.flatMap((r) => (r.type === 'relative' ? [r.minutesBefore] : []));
  }
  if (input.recurrence !== undefined) Object.assign(data, recurrenceColumns(input.recurrence));
  return data;
}

/**
 * The next occurrence asked for by the recurring service, as a copy of the template: the
 * columns of the new task (its due date aside) and its reminders. Reminders relative to the
 * due date carry over; absolute ones belonged to one occurrence. A list deleted since the
 * template was written is left out (`listExists`), not an error.
 */
export function occurrenceOf(
  template: SeriesTemplate,
  request: EventData<typeof occurrenceRequested>,
  listExists: boolean,
) {
  const reminders: ReminderInput[] = template.reminderMinutes.map((minutesBefore) => ({
    type: 'relative',
    minutesBefore,
  }));
  return {
    task: {
      userId: template.userId,
      title: template.title,
      notes: template.notes,
      priority: template.priority,
      listId: listExists ? template.listId : null,
      recurrenceRule: template.recurrenceRule,
      recurrenceMode: template.recurrenceMode,
      recurrenceMissed: template.recurrenceMissed,
      recurrenceExdates: template.recurrenceExdates,
      seriesId: request.seriesId,
      occurrenceKey: request.occurrenceKey,
    },
    reminders,
  };
}
