import { Conflict, NotFound } from '@daybook/service-kit';
import type { TaskRecord } from '../domain/task-view';
import type { CompleteTask } from './complete-task';
import type { DeleteTask } from './delete-task';
import type { RetagTask } from './retag-task';

export type BulkChange = { action: 'complete' } | { action: 'delete' } | { action: 'tag' | 'untag'; tagIds: string[] };

/** What became of each task: changed, not found (or not the user's), or already so. */
export type BulkResult =
  | { id: string; status: 'ok'; task: TaskRecord }
  | { id: string; status: 'not_found' }
  | { id: string; status: 'unchanged' };

/**
 * One action on many of a person's tasks, without versions (the person acts on a
 * selection, not on copies they edited). One transaction and one event per task: a task
 * that is missing or already so is reported, and leaves the others done.
 */
export function bulkChangeTasks(deps: { completeTask: CompleteTask; deleteTask: DeleteTask; retagTask: RetagTask }) {
  const { completeTask, deleteTask, retagTask } = deps;
  const changeOne = (userId: string, id: string, change: BulkChange): Promise<TaskRecord> => {
    switch (change.action) {
      case 'complete':
        return completeTask(userId, id);
      case 'delete':
        return deleteTask(userId, id);
      default:
        return retagTask(userId, id, change.tagIds, change.action);
    }
  };
  return async (userId: string, ids: string[], change: BulkChange): Promise<BulkResult[]> => {
    const results: BulkResult[] = [];
    for (const id of ids) {
      try {
        results.push({ id, status: 'ok', task: await changeOne(userId, id, change) });
      } catch (err) {
        if (err instanceof NotFound) results.push({ id, status: 'not_found' });
        else if (err instanceof Conflict) results.push({ id, status: 'unchanged' });
        else throw err;
      }
    }
    return results;
  };
}
export type BulkChangeTasks = ReturnType<typeof bulkChangeTasks>;
