// Tasks on screen: the current view (today, upcoming, or the filtered list with cursor
// pagination), the user's tags and lists, and the selection for bulk actions.
import { api } from '../api/client';
import type { Tag, Task, TaskList, TaskQuery } from '../api/types';
import { matchesView, placeTask, sortKey } from './live-tasks';
import { createStore } from './store';
import { userTimeZone } from './session';

export type View = 'today' | 'upcoming' | 'all';

export interface Filters {
  status: '' | 'open' | 'done';
  priority: TaskQuery['priority'];
  tagIds: string[];
  tagMode: 'any' | 'all';
  listId: string;
  overdue: boolean;
  hasReminder: '' | 'true' | 'false';
  recurring: '' | 'true' | 'false';
  q: string;
  sort: NonNullable<TaskQuery['sort']>;
  order: 'asc' | 'desc';
}

export const defaultFilters: Filters = {
  status: 'open',
  priority: [],
  tagIds: [],
  tagMode: 'any',
  listId: '',
  overdue: false,
  hasReminder: '',
  recurring: '',
  q: '',
  sort: 'due',
  order: 'asc',
};

export interface TasksState {
  view: View;
  filters: Filters;
  items: Task[];
  nextCursor: string | null;
  loading: boolean;
  error: string | null;
  tags: Tag[];
  lists: TaskList[];
  selected: Set<string>;
}

export const tasksStore = createStore<TasksState>({
  view: 'today',
  filters: defaultFilters,
  items: [],
  nextCursor: null,
  loading: false,
  error: null,
  tags: [],
  lists: [],
  selected: new Set(),
});

const PAGE_SIZE = 30;

export function toQuery(f: Filters): TaskQuery {
  return {
    status: f.status || undefined,
    priority: f.priority?.length ? f.priority : undefined,
    tagIds: f.tagIds.length ? f.tagIds : undefined,
    tagMode: f.tagIds.length > 1 ? f.tagMode : undefined,
    listId: f.listId || undefined,
    overdue: f.overdue ? 'true' : undefined,
    hasReminder: f.hasReminder || undefined,
    recurring: f.recurring || undefined,
    q: f.q.trim() || undefined,
    sort: f.sort === 'relevance' && !f.q.trim() ? 'due' : f.sort,
    order: f.order,
    limit: PAGE_SIZE,
    // Subtasks are shown under their parent, not on their own.
    topLevel: 'true',
  };
}

let generation = 0;

export async function loadView(view: View, filters: Filters = tasksStore.get().filters): Promise<void> {
  const mine = ++generation;
  tasksStore.set({ view, filters, loading: true, error: null, selected: new Set() });
  try {
    let items: Task[];
    let nextCursor: string | null = null;
    if (view === 'today') items = await api.tasks.today(userTimeZone());
    else if (view === 'upcoming') items = await api.tasks.upcoming(userTimeZone(), 7);
    else ({ items, nextCursor } = await api.tasks.list(toQuery(filters)));
    if (mine === generation) tasksStore.set({ items, nextCursor, loading: false });
  } catch (err) {
    if (mine === generation)
      tasksStore.set({ items: [], nextCursor: null, loading: false, error: (err as Error).message });
  }
}

export async function loadMore(): Promise<void> {
  const { view, filters, nextCursor, loading } = tasksStore.get();
  if (view !== 'all' || !nextCursor || loading) return;
  const mine = generation;
  tasksStore.set({ loading: true });
  try {
    const page = await api.tasks.list({ ...toQuery(filters), cursor: nextCursor });
    if (mine !== generation) return;
    tasksStore.set((s) => {
      const seen = new Set(s.items.map((t) => t.id));
      return {
        items: [...s.items, ...page.items.filter((t) => !seen.has(t.id))],
        nextCursor: page.nextCursor,
        loading: false,
      };
    });
  } catch (err) {
    if (mine === generation) tasksStore.set({ loading: false, error: (err as Error).message });
  }
}

export function reload(): Promise<void> {
  const { view, filters } = tasksStore.get();
  return loadView(view, filters);
}

export async function loadTagsAndLists(): Promise<void> {
  const [tags, lists] = await Promise.all([api.tasks.tags(), api.tasks.lists()]);
  tasksStore.set({ tags, lists });
}

/** Finds the tag by name (case-insensitive) or creates it. */
export async function ensureTag(name: string): Promise<Tag> {
  const existing = tasksStore.get().tags.find((t) => t.name.toLowerCase() === name.trim().toLowerCase());
  if (existing) return existing;
  const tag = await api.tasks.createTag(name.trim());
  tasksStore.set((s) => ({ tags: [...s.tags, tag] }));
  return tag;
}

export async function createList(name: string): Promise<TaskList> {
  const list = await api.tasks.createList(name.trim());
  tasksStore.set((s) => ({ lists: [...s.lists, list] }));
  return list;
}

/** Whether a task still belongs in the current view (after an edit). */
function belongs(task: Task, s: TasksState): boolean {
  if (task.deletedAt) return false;
  // Today and Upcoming list by due date: a task added from Today for next week is not today's.
  if (s.view !== 'all') return matchesView(task, s.view, defaultFilters, userTimeZone());
  return !s.filters.status || task.status === s.filters.status;
}

export function upsertTask(task: Task, opts: { prepend?: boolean } = {}): void {
  tasksStore.set((s) => {
    const existing = s.items.find((t) => t.id === task.id);
    // A response and the same change pushed live can arrive in either order: never go back.
    if (existing && existing.version > task.version) return {};
    const exists = Boolean(existing);
    if (!belongs(task, s)) return { items: s.items.filter((t) => t.id !== task.id) };
    if (exists) return { items: s.items.map((t) => (t.id === task.id ? task : t)) };
    // In the person's order, a new task is where its position puts it (last, as a rule).
    if (manualOrder(s)) return { items: placeTask(s.items, task, 'position', 'asc', Boolean(s.nextCursor)) };
    return { items: opts.prepend ? [task, ...s.items] : [...s.items, task] };
  });
}

/** Whether the page shows a list (or the Inbox) in the person's own order: tasks can be moved. */
export function manualOrder(s: Pick<TasksState, 'view' | 'filters'>): boolean {
  return s.view === 'all' && s.filters.sort === 'position' && s.filters.order === 'asc' && Boolean(s.filters.listId);
}

/**
 * Moves a task just before or just after another of the list on screen: at once on screen,
 * then on the server (which pushes it to the person's other devices). On failure the
 * list is loaded again.
 */
export async function moveTask(id: string, to: { before: string } | { after: string }): Promise<void> {
  const anchorId = 'before' in to ? to.before : to.after;
  tasksStore.set((s) => {
    const moving = s.items.find((t) => t.id === id);
    const rest = s.items.filter((t) => t.id !== id);
    const at = rest.findIndex((t) => t.id === anchorId);
    if (!moving || at === -1) return {};
    const index = 'before' in to ? at : at + 1;
    return { items: [...rest.slice(0, index), moving, ...rest.slice(index)] };
  });
  try {
    const moved = await api.tasks.move(id, to);
    tasksStore.set((s) => ({
      items: s.items.map((t) => (t.id === moved.id && t.version < moved.version ? moved : t)),
    }));
  } catch (err) {
    void reload();
    throw err;
  }
}

export function dropTasks(ids: string[]): void {
  const gone = new Set(ids);
  tasksStore.set((s) => ({
    items: s.items.filter((t) => !gone.has(t.id)),
    selected: new Set([...s.selected].filter((id) => !gone.has(id))),
  }));
}

export function toggleSelected(id: string, on?: boolean): void {
  tasksStore.set((s) => {
    const selected = new Set(s.selected);
    if (on ?? !selected.has(id)) selected.add(id);
    else selected.delete(id);
    return { selected };
  });
}

export function selectAll(on: boolean): void {
  tasksStore.set((s) => ({ selected: on ? new Set(s.items.map((t) => t.id)) : new Set() }));
}

/**
 * A task changed on another device (or this one, pushed back live): it is updated where it is,
 * placed where it sorts if the view now lists it, or taken off. Stale copies are ignored.
 */
export function applyRemoteTask(task: Task, now = new Date()): void {
  tasksStore.set((s) => {
    const found = s.items.find((t) => t.id === task.id);
    if (found && found.version >= task.version) return {};
    // Events carry no progress count: the row keeps the one it had.
    if (found && !task.subtasks && found.subtasks) task = { ...task, subtasks: found.subtasks };
    // A subtask is shown under its parent: never as a row of the list of all tasks.
    if (s.view === 'all' && task.parentId) return found ? { items: s.items.filter((t) => t.id !== task.id) } : {};
    const existing = found;
    const filters = s.view === 'all' ? s.filters : { ...defaultFilters, sort: 'due' as const, order: 'asc' as const };
    if (!matchesView(task, s.view, filters, userTimeZone(), now)) {
      if (!existing) return {};
      const selected = new Set(s.selected);
      selected.delete(task.id);
      return { items: s.items.filter((t) => t.id !== task.id), selected };
    }
    // Where it is, unless what it sorts by changed.
    if (existing && (filters.sort === 'relevance' || sortKey(existing, filters.sort) === sortKey(task, filters.sort)))
      return { items: s.items.map((t) => (t.id === task.id ? task : t)) };
    return { items: placeTask(s.items, task, filters.sort, filters.order, s.view === 'all' && Boolean(s.nextCursor)) };
  });
}

/** Refetches the current view without a loading state or losing the selection (after a resync). */
export async function refreshQuietly(): Promise<void> {
  const { view, filters } = tasksStore.get();
  const mine = generation;
  let items: Task[];
  let nextCursor: string | null = null;
  if (view === 'today') items = await api.tasks.today(userTimeZone());
  else if (view === 'upcoming') items = await api.tasks.upcoming(userTimeZone(), 7);
  else ({ items, nextCursor } = await api.tasks.list(toQuery(filters)));
  if (mine !== generation) return;
  const ids = new Set(items.map((t) => t.id));
  tasksStore.set((s) => ({ items, nextCursor, selected: new Set([...s.selected].filter((id) => ids.has(id))) }));
}
