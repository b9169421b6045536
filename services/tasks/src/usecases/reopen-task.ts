import { taskReopened } from '@daybook/contracts';
import { Conflict } from '@daybook/service-kit';
import { toSnapshot, type TaskRecord } from '../domain/task-view';
import type { Transact } from '../infrastructure/database';
import type { ChangeTask } from './shared/change-task';

/** A person opens a done task again; Conflict, with the server's copy, when it is open. */
export function reopenTask(deps: { transact: Transact; changeTask: ChangeTask }) {
  const { transact, changeTask } = deps;
  return (userId: string, id: string, expectedVersion?: number): Promise<TaskRecord> =>
    transact((tx) =>
      changeTask(tx, { userId, id, expectedVersion }, taskReopened, async (before) => {
        if (before.status === 'open') throw new Conflict('task is already open', toSnapshot(before));
        return { columns: { status: 'open', completedAt: null } };
      }),
    );
}
export type ReopenTask = ReturnType<typeof reopenTask>;
