import { taskCompleted } from '@daybook/contracts';
import { Conflict } from '@daybook/service-kit';
import { toSnapshot, type TaskRecord } from '../domain/task-view';
import type { Transact } from '../infrastructure/database';
import type { ChangeTask } from './shared/change-task';

/**
 * A person marks a task done (at the version they read, when they say which). Conflict,
 * with the server's copy, when it is done already.
 */
export function completeTask(deps: { transact: Transact; changeTask: ChangeTask }) {
  const { transact, changeTask } = deps;
  return (userId: string, id: string, expectedVersion?: number): Promise<TaskRecord> =>
    transact((tx) =>
      changeTask(tx, { userId, id, expectedVersion }, taskCompleted, async (before) => {
        if (before.status === 'done') throw new Conflict('task is already done', toSnapshot(before));
        return { columns: { status: 'done', completedAt: new Date() } };
      }),
    );
}
export type CompleteTask = ReturnType<typeof completeTask>;
