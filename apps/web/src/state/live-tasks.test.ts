import type { Task } from '../api/types';
import { todayIn } from '../lib/dates';
import { matchesView, placeTask } from './live-tasks';
import { applyRemoteTask, defaultFilters, tasksStore, upsertTask } from './tasks';

const now = new Date();
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
let ids = 0;
function task(patch: Partial<Task> = {}): Task {
  const id = `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;
  return {
    id,
    userId: 'u1',
    title: `Task ${ids}`,
    notes: '',
    status: 'open',
    priority: 'none',
    tags: [],
    listId: null,
    due: null,
    dueAt: null,
    reminders: [],
    recurrence: null,
    seriesId: null,
    version: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    completedAt: null,
    deletedAt: null,
    ...patch,
  };
}
const dueIn = (n: number): Partial<Task> => ({
  due: { date: todayIn('UTC', days(n)) },
  dueAt: `${todayIn('UTC', days(n))}T00:00:00.000Z`,
});

test('today lists open tasks due today or before; upcoming the seven days after today', () => {
  expect(matchesView(task(dueIn(0)), 'today', defaultFilters, 'UTC', now)).toBe(true);
  expect(matchesView(task(dueIn(-3)), 'today', defaultFilters, 'UTC', now)).toBe(true);
  expect(matchesView(task(dueIn(1)), 'today', defaultFilters, 'UTC', now)).toBe(false);
  expect(matchesView(task({ ...dueIn(0), status: 'done' }), 'today', defaultFilters, 'UTC', now)).toBe(false);
  expect(matchesView(task(dueIn(3)), 'upcoming', defaultFilters, 'UTC', now)).toBe(true);
  expect(matchesView(task(dueIn(0)), 'upcoming', defaultFilters, 'UTC', now)).toBe(false);
  expect(matchesView(task(dueIn(7)), 'upcoming', defaultFilters, 'UTC', now)).toBe(true);
  expect(matchesView(task(dueIn(9)), 'upcoming', defaultFilters, 'UTC', now)).toBe(false);
  expect(matchesView(task(), 'upcoming', defaultFilters, 'UTC', now)).toBe(false);
});

test('the all view applies the filters the client can judge', () => {
  const f = {
    ...defaultFilters,
    status: 'open' as const,
    priority: ['high' as const],
    tagIds: ['a', 'b'],
    tagMode: 'all' as const,
  };
  const tags = [
    { id: 'a', name: 'a', color: null },
    { id: 'b', name: 'b', color: null },
  ];
  expect(matchesView(task({ priority: 'high', tags }), 'all', f, 'UTC', now)).toBe(true);
  expect(matchesView(task({ priority: 'high', tags: tags.slice(0, 1) }), 'all', f, 'UTC', now)).toBe(false);
  expect(matchesView(task({ priority: 'low', tags }), 'all', f, 'UTC', now)).toBe(false);
  expect(matchesView(task({ title: 'Call the dentist' }), 'all', { ...defaultFilters, q: 'dentist' }, 'UTC', now)).toBe(
    true,
  );
  expect(matchesView(task({ deletedAt: now.toISOString() }), 'all', defaultFilters, 'UTC', now)).toBe(false);
});

test('a task is placed where it sorts; past the last shown with more pages, it waits for its page', () => {
  const a = task(dueIn(1));
  const c = task(dueIn(3));
  const b = task(dueIn(2));
  const none = task();
  expect(placeTask([a, c], b, 'due', 'asc', false).map((t) => t.id)).toEqual([a.id, b.id, c.id]);
  expect(placeTask([a, b], none, 'due', 'asc', false).map((t) => t.id)).toEqual([a.id, b.id, none.id]);
  expect(placeTask([a, b], c, 'due', 'asc', true).map((t) => t.id)).toEqual([a.id, b.id]);
  expect(placeTask([c, a], b, 'due', 'desc', false).map((t) => t.id)).toEqual([c.id, b.id, a.id]);
});

test('pushed changes update the list in place, never go back a version, and take off what left the view', () => {
  const first = task({ ...dueIn(0), title: 'Water the plants' });
  tasksStore.set({ view: 'today', filters: defaultFilters, items: [first], nextCursor: null, selected: new Set() });
  applyRemoteTask({ ...first, title: 'Water the ferns', version: 2 }, now);
  expect(tasksStore.get().items.map((t) => t.title)).toEqual(['Water the ferns']);
  // The same change's HTTP answer, or an older event, arriving late changes nothing.
  upsertTask({ ...first, title: 'Water the plants', version: 1 });
  applyRemoteTask({ ...first, title: 'Water the plants', version: 1 }, now);
  expect(tasksStore.get().items.map((t) => t.title)).toEqual(['Water the ferns']);
  // Created elsewhere, due today: it appears.
  const other = task({ ...dueIn(-1), title: 'Pay the bill' });
  applyRemoteTask(other, now);
  expect(tasksStore.get().items.map((t) => t.title)).toEqual(['Pay the bill', 'Water the ferns']);
  // Completed elsewhere: it leaves Today.
  applyRemoteTask({ ...other, status: 'done', version: 2 }, now);
  expect(tasksStore.get().items.map((t) => t.title)).toEqual(['Water the ferns']);
});

test('in a list’s own order, a task moved on another device goes where its position puts it', () => {
  const listId = '00000000-0000-4000-8000-00000000aaaa';
  const [a, b, c] = [
    task({ listId, position: 'a0' }),
    task({ listId, position: 'a1' }),
    task({ listId, position: 'a2' }),
  ];
  tasksStore.set({
    view: 'all',
    filters: { ...defaultFilters, listId, sort: 'position', order: 'asc' },
    items: [a!, b!, c!],
    nextCursor: null,
    selected: new Set(),
  });
  // 'Zz' sorts before 'a0' (upper case first, byte by byte, as the server's COLLATE "C").
  applyRemoteTask({ ...c!, position: 'Zz', version: 2 });
  expect(tasksStore.get().items.map((t) => t.position)).toEqual(['Zz', 'a0', 'a1']);
  applyRemoteTask({ ...c!, position: 'a0V', version: 3 });
  expect(tasksStore.get().items.map((t) => t.position)).toEqual(['a0', 'a0V', 'a1']);
  // A new task of the list goes where it sorts, last as a rule (not first, as elsewhere).
  upsertTask(task({ listId, position: 'a3' }), { prepend: true });
  expect(tasksStore.get().items.map((t) => t.position)).toEqual(['a0', 'a0V', 'a1', 'a3']);
});
