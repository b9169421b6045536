import { listDeleted, taskUpdated } from '@daybook/contracts';
import { NotFound } from '@daybook/service-kit';
import { organiserSnapshot } from '../domain/lists-and-tags';
import { MANY_TASKS_TIMEOUT_MS, type Transact } from '../infrastructure/database';
import type { ListStore } from '../infrastructure/list-store';
import type { Publish } from '../infrastructure/outbox';
import type { TaskStore } from '../infrastructure/task-store';
import type { ChangeTask } from './shared/change-task';

/**
 * A person deletes a list. Its tasks stay, with no list: each (deleted ones too: they can
 * be restored) gets its own `updated` event first, so no consumer keeps a stale copy; the
 * list's own `deleted` event comes last.
 */
export function deleteList(deps: {
  transact: Transact;
  lists: Pick<ListStore, 'lock' | 'delete'>;
  tasks: Pick<TaskStore, 'idsInList'>;
  changeTask: ChangeTask;
  publish: Publish;
}) {
  const { transact, lists, tasks, changeTask, publish } = deps;
  return (userId: string, id: string): Promise<void> =>
    transact(
      async (tx) => {
        const list = await lists.lock(tx, userId, id);
        if (!list) throw new NotFound('list');
        for (const taskId of await tasks.idsInList(tx, userId, id)) {
          await changeTask(tx, { userId, id: taskId, allowDeleted: true }, taskUpdated, async () => ({
            columns: { listId: null },
          }));
        }
        await lists.delete(tx, id);
        await publish(tx, listDeleted, { list: organiserSnapshot(list) }, { subject: id });
      },
      { timeout: MANY_TASKS_TIMEOUT_MS },
    );
}
export type DeleteList = ReturnType<typeof deleteList>;
