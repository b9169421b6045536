import type { Task } from '../api/types';
import { todayIn } from '../lib/dates';
import { applyChange, type Counts } from './sidebar';

// Dates from the clock: "today" and "in 3 days" in the zone, whatever day the test runs.
const zone = 'Europe/Paris';
const now = new Date();
const dayIn = (n: number) => todayIn(zone, new Date(now.getTime() + n * 86_400_000));
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
  } as Task;
}
const zero: Counts = { inbox: 0, today: 0, upcoming: 0, lists: {}, tags: {} };
const tag = { id: 'tag-1', name: 'home', color: null };

describe('sidebar counts follow live task events', () => {
  test('a task created joins its buckets; completing, deleting or moving it leaves them', () => {
    const t = task({ due: { date: dayIn(0) }, tags: [tag] });
    let c = applyChange(zero, null, t, zone, now);
    expect(c).toEqual({ inbox: 1, today: 1, upcoming: 0, lists: {}, tags: { 'tag-1': 1 } });

    const moved = { ...t, listId: 'list-1', due: { date: dayIn(3) }, version: 2 };
    c = applyChange(c, t, moved, zone, now);
    expect(c).toEqual({ inbox: 0, today: 0, upcoming: 1, lists: { 'list-1': 1 }, tags: { 'tag-1': 1 } });

    const done = { ...moved, status: 'done' as const, version: 3 };
    expect(applyChange(c, moved, done, zone, now)).toEqual({
      inbox: 0,
      today: 0,
      upcoming: 0,
      lists: { 'list-1': 0 },
      tags: { 'tag-1': 0 },
    });
    const deleted = { ...moved, deletedAt: now.toISOString(), version: 3 };
    expect(applyChange(c, moved, deleted, zone, now)).toEqual(applyChange(c, moved, done, zone, now));
    // Restored: back where it was.
    expect(applyChange(applyChange(c, moved, deleted, zone, now), deleted, moved, zone, now)).toEqual(c);
  });

  test('a change that moves no bucket leaves the counts; they never go below zero', () => {
    const t = task({ title: 'a' });
    const c = applyChange(zero, null, t, zone, now);
    expect(applyChange(c, t, { ...t, title: 'b', version: 2 }, zone, now)).toEqual(c);
    expect(applyChange(zero, t, { ...t, status: 'done' }, zone, now).inbox).toBe(0);
    // Overdue counts in Today, as the Today view lists it.
    expect(applyChange(zero, null, task({ due: { date: dayIn(-4) } }), zone, now).today).toBe(1);
    // Beyond the next 7 days: in no dated view.
    expect(applyChange(zero, null, task({ due: { date: dayIn(9) } }), zone, now)).toMatchObject({
      today: 0,
      upcoming: 0,
    });
  });
});
