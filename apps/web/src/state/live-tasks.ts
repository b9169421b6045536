// Where a task changed on another device goes in the list on screen: whether it belongs to
// the current view and filters, and where it sorts. Pure functions, unit-tested; the store
// (tasks.ts) applies them. What the client cannot judge (full-text relevance) is left to the
// server: a search list only updates the tasks it already shows.
import type { Task } from '../api/types';
import { todayIn } from '../lib/dates';
import type { Filters, View } from './tasks';

const PRIORITY_RANK: Record<Task['priority'], number> = { none: 0, low: 1, medium: 2, high: 3, urgent: 4 };
const DAY_MS = 86_400_000;

function localDate(iso: string, timeZone: string): string {
  return todayIn(timeZone, new Date(iso));
}

/** Whether the task is one the current view would list (as far as the client can tell). */
export function matchesView(task: Task, view: View, filters: Filters, timeZone: string, now = new Date()): boolean {
  if (task.deletedAt) return false;
  const dueDate = task.due && 'date' in task.due ? task.due.date : task.dueAt ? localDate(task.dueAt, timeZone) : null;
  if (view === 'today') return task.status === 'open' && dueDate !== null && dueDate <= todayIn(timeZone, now);
  if (view === 'upcoming') {
    if (task.status !== 'open' || dueDate === null) return false;
    // After today, within the next 7 days (as GET /views/upcoming).
    return dueDate > todayIn(timeZone, now) && dueDate <= todayIn(timeZone, new Date(now.getTime() + 7 * DAY_MS));
  }
  const f = filters;
  if (f.status && task.status !== f.status) return false;
  if (f.priority?.length && !f.priority.includes(task.priority)) return false;
  if (f.tagIds.length) {
    const has = new Set(task.tags.map((t) => t.id));
    const hits = f.tagIds.filter((id) => has.has(id)).length;
    if (f.tagMode === 'all' && f.tagIds.length > 1 ? hits < f.tagIds.length : hits === 0) return false;
  }
  if (f.listId === 'none' ? task.listId !== null : f.listId && task.listId !== f.listId) return false;
  if (f.overdue && !(task.status === 'open' && task.dueAt && Date.parse(task.dueAt) < now.getTime())) return false;
  if (f.hasReminder && task.reminders.length > 0 !== (f.hasReminder === 'true')) return false;
  if (f.recurring && Boolean(task.recurrence) !== (f.recurring === 'true')) return false;
  if (f.q.trim()) {
    const words = f.q.toLowerCase().split(/\s+/).filter(Boolean);
    const text = `${task.title} ${task.notes}`.toLowerCase();
    if (!words.every((w) => text.includes(w))) return false;
  }
  return true;
}

/** Compares two tasks as the list is sorted (ties broken by id, as the server's cursor does). */
export function compareTasks(a: Task, b: Task, sort: Filters['sort'], order: Filters['order']): number {
  const dir = order === 'desc' ? -1 : 1;
  const byId = a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  switch (sort) {
    case 'due': {
      // Tasks without a due date come last in either order.
      if (!a.dueAt || !b.dueAt) return a.dueAt ? -1 : b.dueAt ? 1 : byId;
      return (Date.parse(a.dueAt) - Date.parse(b.dueAt)) * dir || byId;
    }
    case 'priority':
      return (PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority]) * dir || byId;
    case 'created':
      return (Date.parse(a.createdAt) - Date.parse(b.createdAt)) * dir || byId;
    case 'updated':
      return (Date.parse(a.updatedAt) - Date.parse(b.updatedAt)) * dir || byId;
    case 'title':
      return a.title.localeCompare(b.title) * dir || byId;
    case 'position': {
      // Fractional indexes compare code unit by code unit (ASCII), as the server's COLLATE "C".
      const pa = a.position ?? '';
      const pb = b.position ?? '';
      return (pa < pb ? -1 : pa > pb ? 1 : 0) * dir || byId;
    }
    default:
      return 0;
  }
}

/** What a task sorts by, to tell whether an update moves it. */
export function sortKey(task: Task, sort: Filters['sort']): string {
  switch (sort) {
    case 'due':
      return task.dueAt ?? '';
    case 'priority':
      return task.priority;
    case 'created':
      return task.createdAt;
    case 'updated':
      return task.updatedAt;
    case 'title':
      return task.title;
    case 'position':
      return task.position ?? '';
    default:
      return '';
  }
}

/**
 * The list with a task placed where it sorts. With more pages to load, a task that sorts after
 * the last one shown is left out: its page will bring it.
 */
export function placeTask(
  items: Task[],
  task: Task,
  sort: Filters['sort'],
  order: Filters['order'],
  morePages: boolean,
): Task[] {
  const rest = items.filter((t) => t.id !== task.id);
  if (sort === 'relevance') return [...rest, task];
  const at = rest.findIndex((t) => compareTasks(task, t, sort, order) < 0);
  if (at === -1) return morePages ? rest : [...rest, task];
  return [...rest.slice(0, at), task, ...rest.slice(at)];
}
