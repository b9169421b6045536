import { dayWindow } from '../domain/due';
import { openTasksByDue } from '../domain/list-query';
import type { TaskRecord } from '../domain/task-view';
import type { TaskQueries } from '../infrastructure/task-queries';
import type { TaskStore } from '../infrastructure/task-store';

/** Upcoming, in the person's time zone: their open tasks due in the `days` after today. */
export function viewUpcoming(deps: { queries: Pick<TaskQueries, 'pageOfIds'>; tasks: Pick<TaskStore, 'findMany'> }) {
  const { queries, tasks } = deps;
  return async (userId: string, timeZone: string, days: number, limit: number): Promise<TaskRecord[]> => {
    const { endOfToday, endOfWindow } = dayWindow(timeZone, days);
    const window = { dueAfter: endOfToday, dueBefore: endOfWindow };
    const { ids } = await queries.pageOfIds(userId, openTasksByDue(limit), window);
    return tasks.findMany(userId, ids);
  };
}
export type ViewUpcoming = ReturnType<typeof viewUpcoming>;
