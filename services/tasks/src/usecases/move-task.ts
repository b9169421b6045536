import { taskMoved } from '@daybook/contracts';
import { InvalidInput, NotFound } from '@daybook/service-kit';
import type { TaskRecord } from '../domain/task-view';
import type { Transact } from '../infrastructure/database';
import type { TaskStore } from '../infrastructure/task-store';
import type { ChangeTask } from './shared/change-task';

/** Where a task goes in its list: just before, or just after, another task of that list. */
export type MoveTarget = { before: string } | { after: string };

/**
 * A person moves a task within its list (drag, or the keyboard), next to another task of
 * the same list (the Inbox being the tasks with no list). Only the moved task's position
 * changes: one row and one `moved` event, which realtime pushes to the person's other
 * devices. The anchor must be the person's (NotFound otherwise) and in the same list as
 * the task (400 naming the field otherwise).
 */
export function moveTask(deps: {
  transact: Transact;
  tasks: Pick<TaskStore, 'lockList' | 'findMany' | 'positionBeside'>;
  changeTask: ChangeTask;
}) {
  const { transact, tasks, changeTask } = deps;
  return (userId: string, id: string, target: MoveTarget, expectedVersion?: number): Promise<TaskRecord> =>
    transact((tx) =>
      changeTask(tx, { userId, id, expectedVersion }, taskMoved, async (before) => {
        const side = 'before' in target ? 'before' : 'after';
        const anchorId = 'before' in target ? target.before : target.after;
        if (anchorId === id) throw new InvalidInput(side, 'must be another task than the one moved');
        // The list's positions hold still until the move commits (the anchor's included).
        await tasks.lockList(tx, userId, before.listId);
        const [anchor] = await tasks.findMany(userId, [anchorId], tx);
        if (!anchor || anchor.deletedAt) throw new NotFound('task');
        if (anchor.listId !== before.listId) {
          throw new InvalidInput(side, 'must be a task of the same list as the one moved');
        }
        return { columns: { position: await tasks.positionBeside(tx, anchor, side, id) } };
      }),
    );
}
export type MoveTask = ReturnType<typeof moveTask>;
