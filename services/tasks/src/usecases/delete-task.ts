import { taskDeleted } from '@daybook/contracts';
import type { TaskRecord } from '../domain/task-view';
import type { Transact } from '../infrastructure/database';
import type { TaskStore } from '../infrastructure/task-store';
import type { ChangeTask } from './shared/change-task';

/**
 * A person deletes a task: soft, so that it can be restored during the restore window
 * (domain/restore-window.ts). A deleted task is read-only and found by no listing. Its
 * subtasks (at any depth) go with it, in the same transaction, an event each, all at the
 * same instant: restoring it brings back exactly those.
 */
export function deleteTask(deps: { transact: Transact; changeTask: ChangeTask; tasks: Pick<TaskStore, 'subtree'> }) {
  const { transact, changeTask, tasks } = deps;
  return (userId: string, id: string, expectedVersion?: number): Promise<TaskRecord> =>
    transact(async (tx) => {
      const deletedAt = new Date();
      const task = await changeTask(tx, { userId, id, expectedVersion }, taskDeleted, async () => ({
        columns: { deletedAt },
      }));
      // No subtask left (as the update read them, after the lock: a new subtask, or one moved
      // under it, locks this task first and then finds it deleted): no subtree to read. A
      // live task never has a deleted parent (placeUnder, restoreTask), so none is deeper.
      if (task.subtasks.length === 0) return task;
      for (const subtask of await tasks.subtree(tx, userId, id)) {
        await changeTask(tx, { userId, id: subtask.id }, taskDeleted, async () => ({ columns: { deletedAt } }));
      }
      return task;
    });
}
export type DeleteTask = ReturnType<typeof deleteTask>;
