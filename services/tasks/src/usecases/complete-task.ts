import { taskCompleted } from '@daybook/contracts';
import { Conflict } from '@daybook/service-kit';
import type { CompleteTaskInput } from '../domain/task-input';
import { toSnapshot, type TaskRecord } from '../domain/task-view';
import type { Transact } from '../infrastructure/database';
import type { TaskStore } from '../infrastructure/task-store';
import type { ChangeTask } from './shared/change-task';

/**
 * A person marks a task done (at the version they read, when they say which). Conflict,
 * with the server's copy, when it is done already. With `completeSubtasks`, its open
 * subtasks (at any depth) are completed too, in the same transaction, an event each;
 * without it the task completes alone (the web app asks the person which they want).
 */
export function completeTask(deps: {
  transact: Transact;
  changeTask: ChangeTask;
  tasks: Pick<TaskStore, 'subtree' | 'reread'>;
}) {
  const { transact, changeTask, tasks } = deps;
  return (userId: string, id: string, expectedVersion?: number, options: CompleteTaskInput = {}): Promise<TaskRecord> =>
    transact(async (tx) => {
      const completedAt = new Date();
      const task = await changeTask(tx, { userId, id, expectedVersion }, taskCompleted, async (before) => {
        if (before.status === 'done') throw new Conflict('task is already done', toSnapshot(before));
        return { columns: { status: 'done', completedAt } };
      });
      if (!options.completeSubtasks || task.subtasks.length === 0) return task;
      for (const subtask of await tasks.subtree(tx, userId, id)) {
        if (subtask.status === 'done') continue;
        await changeTask(tx, { userId, id: subtask.id }, taskCompleted, async () => ({
          columns: { status: 'done', completedAt },
        }));
      }
      return tasks.reread(tx, id);
    });
}
export type CompleteTask = ReturnType<typeof completeTask>;
