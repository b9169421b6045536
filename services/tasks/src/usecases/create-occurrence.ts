import { taskCreated, type EventData, type occurrenceRequested } from '@daybook/contracts';
import { occurrenceOf } from '../domain/series';
import { toSnapshot, type TaskRecord } from '../domain/task-view';
import type { Tx } from '../infrastructure/database';
import type { ListStore } from '../infrastructure/list-store';
import type { Publish } from '../infrastructure/outbox';
import type { SeriesStore } from '../infrastructure/series-store';
import type { TagStore } from '../infrastructure/tag-store';
import type { TaskStore } from '../infrastructure/task-store';
import type { ResolveDue } from './shared/resolve-due';

/**
 * The next occurrence of a series, asked for by the recurring service: a copy of the
 * series template with the occurrence's due date, linked to the series, and now its latest
 * occurrence. Runs in the event's transaction. An occurrence key seen before, or a series
 * whose template is gone, creates nothing (undefined). Tags or a list deleted since the
 * template was written are left out, not an error.
 */
export function createOccurrence(deps: {
  tasks: Pick<TaskStore, 'hasOccurrence' | 'insert'>;
  series: Pick<SeriesStore, 'find' | 'update'>;
  tags: Pick<TagStore, 'findOwn'>;
  lists: Pick<ListStore, 'exists'>;
  resolveDue: ResolveDue;
  publish: Publish;
}) {
  const { tasks, series, tags, lists, resolveDue, publish } = deps;
  return async (tx: Tx, request: EventData<typeof occurrenceRequested>): Promise<TaskRecord | undefined> => {
    if (await tasks.hasOccurrence(tx, request.occurrenceKey)) return undefined;
    const template = await series.find(tx, request.userId, request.seriesId);
    if (!template) return undefined;
    const { userId } = template;
    const ownTags = await tags.findOwn(tx, userId, template.tagIds);
    const listExists = template.listId ? await lists.exists(tx, userId, template.listId) : false;
    const occurrence = occurrenceOf(template, request, listExists);
    const task = await tasks.insert(
      tx,
      { ...occurrence.task, ...(await resolveDue(tx, userId, request.due)) },
      ownTags,
      occurrence.reminders,
    );
    await series.update(tx, request.seriesId, { latestTaskId: task.id });
    await publish(tx, taskCreated, { task: toSnapshot(task) }, { subject: task.id });
    return task;
  };
}
export type CreateOccurrence = ReturnType<typeof createOccurrence>;
