import { dayWindow } from '../domain/due';
import { openTasksByDue } from '../domain/list-query';
import type { TaskRecord } from '../domain/task-view';
import type { TaskQueries } from '../infrastructure/task-queries';
import type { TaskStore } from '../infrastructure/task-store';

/** Today, in the person's time zone: their open tasks due by the end of today (overdue too). */
export function viewToday(deps: { queries: Pick<TaskQueries, 'pageOfIds'>; tasks: Pick<TaskStore, 'findMany'> }) {
  const { queries, tasks } = deps;
  return async (userId: string, timeZone: string, limit: number): Promise<TaskRecord[]> => {
    const { endOfToday } = dayWindow(timeZone, 0);
    const { ids } = await queries.pageOfIds(userId, openTasksByDue(limit), { dueBefore: endOfToday });
    return tasks.findMany(userId, ids);
  };
}
export type ViewToday = ReturnType<typeof viewToday>;
