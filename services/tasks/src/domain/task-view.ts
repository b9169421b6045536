import type { TaskSnapshot } from '@daybook/contracts';
import type { Prisma } from '../generated/prisma/client';

/** A task row with everything its representation needs. */
export const taskInclude = {
  tags: { include: { tag: true } },
  reminders: { orderBy: { position: 'asc' } },
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
    version: t.version,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    completedAt: t.completedAt?.toISOString() ?? null,
    deletedAt: t.deletedAt?.toISOString() ?? null,
  };
}
