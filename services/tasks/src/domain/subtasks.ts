import type { FieldProblem } from '@daybook/service-kit';
import type { TaskRecord } from './task-view';

/** How deep tasks nest: a task, its subtasks and theirs (three levels in all). */
export const MAX_DEPTH = 3;

/**
 * Why a task cannot go under a parent, or undefined when it can. `parentAncestry` is the
 * parent and its ancestors, nearest first; `subtreeHeight` how many levels the task brings
 * (1 for a task without subtasks); `taskId` the task being moved (undefined when creating).
 */
export function nestingProblem(
  parentAncestry: string[],
  subtreeHeight: number,
  taskId?: string,
): FieldProblem | undefined {
  if (taskId && parentAncestry.includes(taskId)) {
    return { field: 'body.parentId', message: 'a task cannot be a subtask of itself or of its own subtasks' };
  }
  if (parentAncestry.length + subtreeHeight > MAX_DEPTH) {
    return { field: 'body.parentId', message: `subtasks nest at most ${MAX_DEPTH} levels deep` };
  }
  return undefined;
}

/**
 * What the next occurrence of a recurring parent copies of one of its subtasks: the same
 * title, notes, priority, tags and list, open again. Its due date and reminders belonged to
 * the occurrence that is done, and a copy repeats only with its parent.
 */
export function subtaskCopyOf(subtask: TaskRecord, parentId: string, listId: string | null) {
  return {
    task: {
      userId: subtask.userId,
      title: subtask.title,
      notes: subtask.notes,
      priority: subtask.priority,
      listId,
      parentId,
    },
    tags: subtask.tags.map((t) => t.tag),
  };
}
