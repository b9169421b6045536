import { InvalidInput, NotFound } from '@daybook/service-kit';
import { nestingProblem } from '../../domain/subtasks';
import type { TaskRecord } from '../../domain/task-view';
import type { Tx } from '../../infrastructure/database';
import type { TaskStore } from '../../infrastructure/task-store';

/**
 * Checks that a task may go under `parentId` and returns the parent, locked: it must be
 * the user's own task and not deleted (NotFound otherwise: another user's task is as
 * missing as none), and the nesting must stay acyclic and shallow (InvalidInput naming
 * body.parentId). `taskId` is the task being moved; undefined for a new one.
 */
export type PlaceUnder = (tx: Tx, userId: string, parentId: string, taskId?: string) => Promise<TaskRecord>;

export function placer(deps: { tasks: Pick<TaskStore, 'lock' | 'ancestry' | 'descendants'> }): PlaceUnder {
  const { tasks } = deps;
  return async (tx, userId, parentId, taskId) => {
    // Locked, so that two concurrent moves cannot each pass the cycle check.
    const parent = await tasks.lock(tx, userId, parentId).catch((err: unknown) => {
      throw err instanceof NotFound ? new NotFound('parent task') : err;
    });
    if (parent.deletedAt) throw new NotFound('parent task');
    const ancestry = await tasks.ancestry(tx, userId, parentId);
    const below = taskId ? await tasks.descendants(tx, userId, taskId) : [];
    const height = 1 + Math.max(0, ...below.map((d) => d.depth));
    const problem = nestingProblem(ancestry, height, taskId);
    if (problem) throw new InvalidInput(problem.field, problem.message);
    return parent;
  };
}
