import { taskDeleted } from '@daybook/contracts';
import type { TaskRecord } from '../domain/task-view';
import type { Transact } from '../infrastructure/database';
import type { ChangeTask } from './shared/change-task';

/**
 * A person deletes a task: soft, so that it can be restored during the restore window
 * (domain/restore-window.ts). A deleted task is read-only and found by no listing.
 */
export function deleteTask(deps: { transact: Transact; changeTask: ChangeTask }) {
  const { transact, changeTask } = deps;
  return (userId: string, id: string, expectedVersion?: number): Promise<TaskRecord> =>
    transact((tx) =>
      changeTask(tx, { userId, id, expectedVersion }, taskDeleted, async () => ({
        columns: { deletedAt: new Date() },
      })),
    );
}
export type DeleteTask = ReturnType<typeof deleteTask>;
