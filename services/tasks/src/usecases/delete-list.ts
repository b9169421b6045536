import { taskUpdated } from '@daybook/contracts';
import { NotFound } from '@daybook/service-kit';
import { MANY_TASKS_TIMEOUT_MS, type Transact } from '../infrastructure/database';
import type { ListStore } from '../infrastructure/list-store';
import type { TaskStore } from '../infrastructure/task-store';
import type { ChangeTask } from './shared/change-task';

/**
 * A person deletes a list. Its tasks stay, with no list: each (deleted ones too: they can
 * be restored) gets its own `updated` event first, so no consumer keeps a stale copy.
 */
export function deleteList(deps: {
  transact: Transact;
  lists: Pick<ListStore, 'exists' | 'delete'>;
  tasks: Pick<TaskStore, 'idsInList'>;
  changeTask: ChangeTask;
}) {
  const { transact, lists, tasks, changeTask } = deps;
  return (userId: string, id: string): Promise<void> =>
    transact(
      async (tx) => {
        if (!(await lists.exists(tx, userId, id))) throw new NotFound('list');
        for (const taskId of await tasks.idsInList(tx, userId, id)) {
          await changeTask(tx, { userId, id: taskId, allowDeleted: true }, taskUpdated, async () => ({
            columns: { listId: null },
          }));
        }
        await lists.delete(tx, id);
      },
      { timeout: MANY_TASKS_TIMEOUT_MS },
    );
}
export type DeleteList = ReturnType<typeof deleteList>;
