import { stringify } from 'csv-stringify/sync';
import type { TaskSnapshot } from '@daybook/contracts';
import { toSnapshot } from '../domain/task-view';
import type { ListStore } from '../infrastructure/list-store';
import type { SeriesStore } from '../infrastructure/series-store';
import type { TagStore } from '../infrastructure/tag-store';
import type { TaskStore } from '../infrastructure/task-store';

/**
 * Everything of the person's the tasks service keeps (tasks with their tags and reminders,
 * lists, tags, series templates): their part of "your data", which the web app joins
 * with the other services' parts. Tasks in the trash are left out.
 */
export function exportTasks(deps: {
  tasks: Pick<TaskStore, 'allOf'>;
  lists: Pick<ListStore, 'list'>;
  tags: Pick<TagStore, 'list'>;
  series: Pick<SeriesStore, 'allOf'>;
}) {
  return async (userId: string) => {
    const [tasks, lists, tags, series] = await Promise.all([
      deps.tasks.allOf(userId),
      deps.lists.list(userId),
      deps.tags.list(userId),
      deps.series.allOf(userId),
    ]);
    return {
      lists: lists.map((l) => ({ id: l.id, name: l.name, createdAt: l.createdAt.toISOString() })),
      tags: tags.map((t) => ({ id: t.id, name: t.name, color: t.color, createdAt: t.createdAt.toISOString() })),
      tasks: tasks.map(toSnapshot),
      series: series.map(({ userId: _owner, updatedAt, ...template }) => ({
        ...template,
        updatedAt: updatedAt.toISOString(),
      })),
    };
  };
}
export type TasksExport = Awaited<ReturnType<ReturnType<typeof exportTasks>>>;

const CSV_COLUMNS = [
  'id',
  'title',
  'notes',
  'status',
  'priority',
  'list',
  'tags',
  'due_date',
  'due_time',
  'time_zone',
  'due_at',
  'recurrence',
  'completed_at',
  'created_at',
];

/** The tasks of an export as CSV (one row per task, RFC 4180 quoting by csv-stringify). */
export function tasksCsv(data: TasksExport): string {
  const listName = new Map(data.lists.map((l) => [l.id, l.name]));
  const row = (t: TaskSnapshot) => {
    const due = t.due && 'dateTime' in t.due ? t.due.dateTime.split('T') : [t.due?.date ?? '', ''];
    return [
      t.id,
      t.title,
      t.notes,
      t.status,
      t.priority,
      t.listId ? (listName.get(t.listId) ?? '') : '',
      t.tags.map((tag) => tag.name).join(', '),
      due[0],
      due[1],
      t.due?.timeZone ?? '',
      t.dueAt ?? '',
      t.recurrence?.rrule ?? '',
      t.completedAt ?? '',
      t.createdAt,
    ];
  };
  return stringify([CSV_COLUMNS, ...data.tasks.map(row)]);
}
