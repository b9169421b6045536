import { NotFound } from '@daybook/service-kit';
import type { TaskRecord } from '../domain/task-view';
import type { TaskStore } from '../infrastructure/task-store';

/**
 * One of a person's tasks (deleted ones too, for their undo). Another user's task is
 * NotFound, never forbidden: its existence is not revealed.
 */
export function getTask(deps: { tasks: Pick<TaskStore, 'find'> }) {
  const { tasks } = deps;
  return async (userId: string, id: string): Promise<TaskRecord> => {
    const task = await tasks.find(userId, id);
    if (!task) throw new NotFound('task');
    return task;
  };
}
export type GetTask = ReturnType<typeof getTask>;
