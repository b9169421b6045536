import { taskCreated, type EventData, type occurrenceRequested } from '@daybook/contracts';
import { occurrenceOf } from '../domain/series';
import { subtaskCopyOf } from '../domain/subtasks';
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
 * template was written are left out, not an error. The subtasks of the occurrence before
 * (the series' latest) are copied under the new one, open again, an event each. In the
 * list of the occurrence before, the new one goes just after it (where the person put the
 * series), not last.
 */
export function createOccurrence(deps: {
  tasks: Pick<TaskStore, 'hasOccurrence' | 'insert' | 'subtree' | 'subtasksOf' | 'findMany' | 'positionBeside'>;
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
    const [before] = await tasks.findMany(userId, [template.latestTaskId], tx);
    const listId = occurrence.task.listId ?? null;
    const position = before && before.listId === listId ? await tasks.positionBeside(tx, before, 'after') : undefined;
    const task = await tasks.insert(
      tx,
      { ...occurrence.task, ...(await resolveDue(tx, userId, request.due)), ...(position ? { position } : {}) },
      ownTags,
      occurrence.reminders,
    );
    await series.update(tx, request.seriesId, { latestTaskId: task.id });
    await publish(tx, taskCreated, { task: toSnapshot(task) }, { subject: task.id });
    // Parents come before their subtasks, so each copy's parent has been copied already.
    const copies = new Map([[template.latestTaskId, task.id]]);
    for (const subtask of await tasks.subtree(tx, userId, template.latestTaskId)) {
      const parentId = copies.get(subtask.parentId!);
      if (!parentId) continue;
      const copy = subtaskCopyOf(subtask, parentId, task.listId);
      const created = await tasks.insert(tx, copy.task, copy.tags, []);
      copies.set(subtask.id, created.id);
      await publish(tx, taskCreated, { task: toSnapshot(created) }, { subject: created.id });
    }
    const direct = [...copies.values()].filter((copyId) => copyId !== task.id);
    return { ...task, subtasks: direct.length ? await tasks.subtasksOf(tx, task.id) : [] };
  };
}
export type CreateOccurrence = ReturnType<typeof createOccurrence>;
