import { taskRestored } from '@daybook/contracts';
import { Conflict, NotFound } from '@daybook/service-kit';
import { isRestorable } from '../domain/restore-window';
import { toSnapshot, type TaskRecord } from '../domain/task-view';
import type { Transact } from '../infrastructure/database';
import type { TaskStore } from '../infrastructure/task-store';
import type { ChangeTask } from './shared/change-task';

/**
 * A person undoes a deletion, within the restore window; past it the task is as gone as
 * one never made (NotFound). Conflict, with the server's copy, when it is not deleted.
 * The subtasks deleted with it (at the same instant) come back with it, an event each;
 * ones deleted on their own before stay deleted. A subtask whose parent is still deleted
 * is a Conflict: it would come back under a task nobody sees (restore the parent).
 */
export function restoreTask(deps: {
  transact: Transact;
  changeTask: ChangeTask;
  tasks: Pick<TaskStore, 'descendants' | 'findMany' | 'reread' | 'find'>;
}) {
  const { transact, changeTask, tasks } = deps;
  return (userId: string, id: string): Promise<TaskRecord> =>
    transact(async (tx) => {
      let deletedAt = 0;
      const task = await changeTask(tx, { userId, id, allowDeleted: true }, taskRestored, async (before) => {
        if (!before.deletedAt) throw new Conflict('task is not deleted', toSnapshot(before));
        if (!isRestorable(before.deletedAt)) throw new NotFound('task');
        const parent = before.parentId ? await tasks.find(userId, before.parentId) : null;
        if (parent?.deletedAt) {
          throw new Conflict('its parent task is deleted: restore the parent instead', toSnapshot(before));
        }
        deletedAt = before.deletedAt.getTime();
        return { columns: { deletedAt: null } };
      });
      const below = await tasks.descendants(tx, userId, id);
      if (below.length === 0) return task;
      const subtasks = await tasks.findMany(
        userId,
        below.map((d) => d.id),
        tx,
      );
      for (const subtask of subtasks.filter((s) => s.deletedAt?.getTime() === deletedAt)) {
        await changeTask(tx, { userId, id: subtask.id, allowDeleted: true }, taskRestored, async () => ({
          columns: { deletedAt: null },
        }));
      }
      return tasks.reread(tx, id);
    });
}
export type RestoreTask = ReturnType<typeof restoreTask>;
