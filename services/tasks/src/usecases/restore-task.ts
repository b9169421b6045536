import { taskRestored } from '@daybook/contracts';
import { Conflict, NotFound } from '@daybook/service-kit';
import { isRestorable } from '../domain/restore-window';
import { toSnapshot, type TaskRecord } from '../domain/task-view';
import type { Transact } from '../infrastructure/database';
import type { ChangeTask } from './shared/change-task';

/**
 * A person undoes a deletion, within the restore window; past it the task is as gone as
 * one never made (NotFound). Conflict, with the server's copy, when it is not deleted.
 */
export function restoreTask(deps: { transact: Transact; changeTask: ChangeTask }) {
  const { transact, changeTask } = deps;
  return (userId: string, id: string): Promise<TaskRecord> =>
    transact((tx) =>
      changeTask(tx, { userId, id, allowDeleted: true }, taskRestored, async (before) => {
        if (!before.deletedAt) throw new Conflict('task is not deleted', toSnapshot(before));
        if (!isRestorable(before.deletedAt)) throw new NotFound('task');
        return { columns: { deletedAt: null } };
      }),
    );
}
export type RestoreTask = ReturnType<typeof restoreTask>;
