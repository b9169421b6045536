import type { TaskSnapshot } from '@daybook/contracts';
import type { Prisma } from '../generated/prisma/client';

/** A task row with everything its representation needs. */
export const taskInclude = {
  tags: { include: { tag: true } },
  reminders: { orderBy: { position: 'asc' } },
  // The statuses of its subtasks, for the progress count ("2/5"): one join, not a query each.
  subtasks: { where: { deletedAt: null }, select: { status: true } },
} as const satisfies Prisma.TaskInclude;
export type TaskRecord = Prisma.TaskGetPayload<{ include: typeof taskInclude }>;

/** The task as the API returns it and as events carry it. */
export function toSnapshot(t: TaskRecord): TaskSnapshot {
  const due: TaskSnapshot['due'] = t.dueDateTime
    ? { dateTime: t.dueDateTime, timeZone: t.dueTimeZone! }
    : t.dueDate
      ? { date: t.dueDate, ...(t.dueTimeZone ? { timeZone: t.dueTimeZone } : {}) }
      : null;
  return {
    id: t.id,
    userId: t.userId,
    title: t.title,
    notes: t.notes,
    status: t.status as TaskSnapshot['status'],
    priority: t.priority as TaskSnapshot['priority'],
    tags: t.tags
      .map(({ tag }) => ({ id: tag.id, name: tag.name, color: tag.color }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    listId: t.listId,
    due,
    dueAt: t.dueAt?.toISOString() ?? null,
    reminders: t.reminders.map((r) =>
      r.type === 'absolute'
        ? { id: r.id, type: 'absolute' as const, at: r.at!.toISOString() }
        : { id: r.id, type: 'relative' as const, minutesBefore: r.minutesBefore! },
    ),
    recurrence: t.recurrenceRule
      ? {
          rrule: t.recurrenceRule,
          mode: t.recurrenceMode as 'after-completion' | 'fixed-schedule',
          ...(t.recurrenceMissed ? { missed: t.recurrenceMissed as 'create' | 'skip' } : {}),
          ...(t.recurrenceExdates.length ? { exdates: t.recurrenceExdates } : {}),
        }
      : null,
    seriesId: t.seriesId,
    ...(t.parentId ? { parentId: t.parentId } : {}),
    position: t.position,
    version: t.version,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    completedAt: t.completedAt?.toISOString() ?? null,
    deletedAt: t.deletedAt?.toISOString() ?? null,
  };
}

/** How far a task's subtasks are done (the ones not deleted; the direct ones only). */
export interface SubtaskProgress {
  total: number;
  done: number;
}

export const subtaskProgress = (t: TaskRecord): SubtaskProgress => ({
  total: t.subtasks.length,
  done: t.subtasks.filter((s) => s.status === 'done').length,
});

/** The task as the API answers it: its snapshot and the progress of its subtasks. */
export const toView = (t: TaskRecord): TaskSnapshot & { subtasks: SubtaskProgress } => ({
  ...toSnapshot(t),
  subtasks: subtaskProgress(t),
});
