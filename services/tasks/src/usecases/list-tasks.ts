import type { ListQuery } from '../domain/list-query';
import type { TaskRecord } from '../domain/task-view';
import type { TaskQueries } from '../infrastructure/task-queries';
import type { TaskStore } from '../infrastructure/task-store';

/** A page of a person's tasks: filtered, searched, sorted, and the cursor of the next page. */
export function listTasks(deps: { queries: Pick<TaskQueries, 'pageOfIds'>; tasks: Pick<TaskStore, 'findMany'> }) {
  const { queries, tasks } = deps;
  return async (userId: string, query: ListQuery): Promise<{ items: TaskRecord[]; nextCursor: string | null }> => {
    const { ids, nextCursor } = await queries.pageOfIds(userId, query);
    return { items: await tasks.findMany(userId, ids), nextCursor };
  };
}
export type ListTasks = ReturnType<typeof listTasks>;
