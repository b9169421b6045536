import { taskCreated } from '@daybook/contracts';
import { templateOf } from '../domain/series';
import { recurrenceColumns } from '../domain/task-changes';
import type { CreateTaskInput } from '../domain/task-input';
import { toSnapshot, type TaskRecord } from '../domain/task-view';
import type { Transact } from '../infrastructure/database';
import type { PublishAlong } from '../infrastructure/outbox';
import type { SeriesStore } from '../infrastructure/series-store';
import type { TaskStore } from '../infrastructure/task-store';
import type { CheckReferences } from './shared/check-references';
import type { PlaceUnder } from './shared/place-under';
import type { ResolveDue } from './shared/resolve-due';

/**
 * A person creates a task: its tags and list must be theirs; a task with a rule starts a
 * series of its own (its id is the series id). A subtask's parent must be theirs too, and
 * it goes into the parent's list unless it names one. One transaction, with the created event.
 */
export function createTask(deps: {
  transact: Transact;
  tasks: Pick<TaskStore, 'insertStatement' | 'insertRelations' | 'lastPosition'>;
  series: Pick<SeriesStore, 'create'>;
  checkReferences: CheckReferences;
  resolveDue: ResolveDue;
  placeUnder: PlaceUnder;
  publishAlong: PublishAlong;
}) {
  const { transact, tasks, series, checkReferences, resolveDue, placeUnder, publishAlong } = deps;
  return (userId: string, input: CreateTaskInput): Promise<TaskRecord> =>
    transact(async (tx) => {
      const parent = input.parentId ? await placeUnder(tx, userId, input.parentId) : null;
      const tags = await checkReferences(tx, userId, input.tagIds, input.listId);
      const listId = input.listId === undefined && parent ? parent.listId : (input.listId ?? null);
      const { statement, task } = tasks.insertStatement(
        {
          userId,
          title: input.title,
          notes: input.notes ?? '',
          priority: input.priority ?? 'none',
          listId,
          parentId: parent?.id ?? null,
          // Last in its list (the list's position lock is held until the transaction ends).
          position: await tasks.lastPosition(tx, userId, listId),
          ...(await resolveDue(tx, userId, input.due ?? null)),
          ...recurrenceColumns(input.recurrence),
        },
        tags,
        input.reminders ?? [],
      );
      // The row and the created event's outbox row in one statement (the hot path).
      await publishAlong(tx, statement, taskCreated, { task: toSnapshot(task) }, { subject: task.id });
      await tasks.insertRelations(tx, task);
      if (task.recurrenceRule) await series.create(tx, { seriesId: task.id, ...templateOf(task) });
      return task;
    });
}
export type CreateTask = ReturnType<typeof createTask>;
