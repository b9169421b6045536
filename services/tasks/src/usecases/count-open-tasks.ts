import { dayWindow } from '../domain/due';
import type { OpenCounts, TaskQueries } from '../infrastructure/task-queries';

/**
 * The sidebar's numbers, in the person's time zone: open tasks in the Inbox (no list), due
 * by the end of today (Today, overdue included), in the `days` after today (Upcoming), per
 * list and per tag. The same windows as the Today and Upcoming views.
 */
export function countOpenTasks(deps: { queries: Pick<TaskQueries, 'openCounts'> }) {
  const { queries } = deps;
  return (userId: string, timeZone: string, days: number, now = new Date()): Promise<OpenCounts> =>
    queries.openCounts(userId, dayWindow(timeZone, days, now));
}
export type CountOpenTasks = ReturnType<typeof countOpenTasks>;
