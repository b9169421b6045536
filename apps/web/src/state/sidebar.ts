// The sidebar's open-task counts (Inbox, Today, Upcoming, each list and tag). Loaded from
// GET /api/tasks/counts, then kept right by each live task event: the event's task before and
// after the change says which counts it leaves and which it joins. A resync (or an event
// without its "before") loads them again.
import { api } from '../api/client';
import type { OpenCounts, Task } from '../api/types';
import { matchesView } from './live-tasks';
import { userTimeZone } from './session';
import { createStore } from './store';
import { defaultFilters } from './tasks';

export interface Counts {
  inbox: number;
  today: number;
  upcoming: number;
  lists: Record<string, number>;
  tags: Record<string, number>;
}

export const countsStore = createStore<{ counts: Counts | null }>({ counts: null });

export function fromApi(c: OpenCounts): Counts {
  return {
    inbox: c.inbox,
    today: c.today,
    upcoming: c.upcoming,
    lists: Object.fromEntries(c.lists.map((l) => [l.id, l.count])),
    tags: Object.fromEntries(c.tags.map((t) => [t.id, t.count])),
  };
}

/** The counts a task is in: its buckets ("inbox", "today", "list:<id>", "tag:<id>"…). */
export function bucketsOf(task: Task | null, timeZone: string, now: Date): string[] {
  if (!task || task.deletedAt || task.status !== 'open') return [];
  const out: string[] = [];
  if (!task.listId) out.push('inbox');
  else out.push(`list:${task.listId}`);
  for (const t of task.tags) out.push(`tag:${t.id}`);
  if (matchesView(task, 'today', defaultFilters, timeZone, now)) out.push('today');
  if (matchesView(task, 'upcoming', defaultFilters, timeZone, now)) out.push('upcoming');
  return out;
}

/** The counts after a task changed from `before` to `after` (null: it did not exist / is gone). */
export function applyChange(
  counts: Counts,
  before: Task | null,
  after: Task | null,
  timeZone: string,
  now = new Date(),
): Counts {
  const next: Counts = { ...counts, lists: { ...counts.lists }, tags: { ...counts.tags } };
  const add = (bucket: string, by: number) => {
    const [kind, id] = bucket.split(':') as [string, string | undefined];
    if (kind === 'list' || kind === 'tag') {
      const map = kind === 'list' ? next.lists : next.tags;
      map[id!] = Math.max(0, (map[id!] ?? 0) + by);
    } else {
      const key = kind as 'inbox' | 'today' | 'upcoming';
      next[key] = Math.max(0, next[key] + by);
    }
  };
  for (const b of bucketsOf(before, timeZone, now)) add(b, -1);
  for (const b of bucketsOf(after, timeZone, now)) add(b, +1);
  return next;
}

let generation = 0;

export async function loadCounts(): Promise<void> {
  const mine = ++generation;
  const counts = fromApi(await api.tasks.counts(userTimeZone()));
  if (mine === generation) countsStore.set({ counts });
}

let reloadTimer: ReturnType<typeof setTimeout> | undefined;

/** Loads the counts again soon (several events in a burst make one request). */
export function reloadCountsSoon(): void {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => void loadCounts().catch(() => {}), 300);
}

/**
 * A live task event. Every change carries the task before and after it (a deleted task has
 * deletedAt, a done one its status), and a creation has no before.
 */
export function applyTaskEvent(type: string, task: Task, before: Task | null): void {
  const { counts } = countsStore.get();
  if (!counts) return;
  const created = /\.created\./.test(type);
  // A change whose former state is unknown cannot be counted: ask the server.
  if (!created && !before) return reloadCountsSoon();
  ++generation; // a load under way would overwrite this change with an older count
  countsStore.set({ counts: applyChange(counts, created ? null : before, task, userTimeZone()) });
}

export function resetCounts(): void {
  countsStore.set({ counts: null });
}
