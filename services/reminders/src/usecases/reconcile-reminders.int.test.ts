import { randomUUID } from 'node:crypto';
import { LATE_GRACE_MS } from '../domain/desired-reminders';
import { openTask, reminderIn, useCaseHarness } from '../testing';
import { reconcileReminders } from './reconcile-reminders';

// Task events reconcile the reminder rows (real PostgreSQL) and jobs (a recording Scheduler).
let h: Awaited<ReturnType<typeof useCaseHarness>>;
let reconcile: ReturnType<typeof reconcileReminders>;

beforeAll(async () => {
  h = await useCaseHarness();
  reconcile = reconcileReminders(h);
});
afterAll(() => h?.close());

const apply = (task: Parameters<typeof reconcile>[1]) => h.store.transaction((tx) => reconcile(tx, task));
const rowsOf = (taskId: string) => h.db.scheduledReminder.findMany({ where: { taskId }, orderBy: { fireAt: 'asc' } });

test('a new task: one job per reminder, at its time, generation 1, and a row for each', async () => {
  const now = h.now();
  const absolute = reminderIn(now, 30);
  const relative = { id: randomUUID(), type: 'relative' as const, minutesBefore: 15 };
  const task = openTask(randomUUID(), now, { reminders: [absolute, relative] });
  const scheduledBefore = await h.counted('scheduled');
  await apply(task);

  const due = new Date(task.dueAt!);
  const fireAtRelative = new Date(due.getTime() - 15 * 60_000);
  expect(h.scheduler.waiting.get(`reminder--${task.id}.${absolute.id}.1`)).toEqual({
    when: { at: new Date(absolute.at) },
    data: { taskId: task.id, reminderId: absolute.id, generation: 1 },
  });
  expect(h.scheduler.waiting.get(`reminder--${task.id}.${relative.id}.1`)).toEqual({
    when: { at: fireAtRelative },
    data: { taskId: task.id, reminderId: relative.id, generation: 1 },
  });
  expect(await rowsOf(task.id)).toEqual([
    expect.objectContaining({
      reminderId: absolute.id,
      userId: task.userId,
      taskTitle: task.title,
      dueAt: due,
      fireAt: new Date(absolute.at),
      generation: 1,
      status: 'scheduled',
      firedAt: null,
    }),
    expect.objectContaining({ reminderId: relative.id, fireAt: fireAtRelative, generation: 1, status: 'scheduled' }),
  ]);
  expect((await h.counted('scheduled')) - scheduledBefore).toBe(2);
});

test('the same task again changes nothing; a new title is copied without touching the job', async () => {
  const reminder = reminderIn(h.now(), 30);
  const task = openTask(randomUUID(), h.now(), { reminders: [reminder] });
  await apply(task);
  const calls = h.scheduler.calls.length;

  await apply(task);
  await apply({ ...task, title: 'Call the vet' });
  expect(h.scheduler.calls.length).toBe(calls);
  expect(await rowsOf(task.id)).toEqual([
    expect.objectContaining({ taskTitle: 'Call the vet', generation: 1, status: 'scheduled' }),
  ]);
});

test('a moved reminder: the old job is cancelled, the next generation scheduled at the new time', async () => {
  const reminder = reminderIn(h.now(), 30);
  const task = openTask(randomUUID(), h.now(), { reminders: [reminder] });
  await apply(task);
  const cancelledBefore = await h.counted('cancelled');

  const moved = { ...reminder, at: new Date(h.now().getTime() + 90 * 60_000).toISOString() };
  await apply({ ...task, reminders: [moved] });
  expect(h.scheduler.calls.slice(-2)).toEqual([
    `cancel reminder--${task.id}.${reminder.id}.1`,
    `schedule reminder--${task.id}.${reminder.id}.2`,
  ]);
  expect(h.scheduler.waiting.has(`reminder--${task.id}.${reminder.id}.1`)).toBe(false);
  expect(h.scheduler.waiting.get(`reminder--${task.id}.${reminder.id}.2`)?.when).toEqual({ at: new Date(moved.at) });
  expect(await rowsOf(task.id)).toEqual([
    expect.objectContaining({ fireAt: new Date(moved.at), generation: 2, status: 'scheduled' }),
  ]);
  expect((await h.counted('cancelled')) - cancelledBefore).toBe(1);
});

test('completing or deleting the task cancels its jobs and forgets its reminders', async () => {
  for (const change of [{ status: 'done' as const }, { deletedAt: h.now().toISOString() }]) {
    const reminder = reminderIn(h.now(), 30);
    const task = openTask(randomUUID(), h.now(), { reminders: [reminder] });
    await apply(task);
    await apply({ ...task, ...change });
    expect(h.scheduler.calls.at(-1)).toBe(`cancel reminder--${task.id}.${reminder.id}.1`);
    expect(await rowsOf(task.id)).toEqual([]);
  }
});

test('a reminder moved long into the past is cancelled and shown as such, never fired late', async () => {
  const reminder = reminderIn(h.now(), 30);
  const task = openTask(randomUUID(), h.now(), { reminders: [reminder] });
  await apply(task);
  const longAgo = new Date(h.now().getTime() - LATE_GRACE_MS - 60_000).toISOString();
  await apply({ ...task, reminders: [{ ...reminder, at: longAgo }] });
  expect(h.scheduler.calls.at(-1)).toBe(`cancel reminder--${task.id}.${reminder.id}.1`);
  expect(await rowsOf(task.id)).toEqual([expect.objectContaining({ status: 'cancelled', generation: 1 })]);
});

test('a fired reminder moved ahead is scheduled again under a new generation', async () => {
  const reminder = reminderIn(h.now(), 30);
  const task = openTask(randomUUID(), h.now(), { reminders: [reminder] });
  await apply(task);
  await h.db.scheduledReminder.updateMany({ where: { taskId: task.id }, data: { status: 'fired', firedAt: h.now() } });
  await apply({ ...task, reminders: [{ ...reminder, at: new Date(h.now().getTime() + 120 * 60_000).toISOString() }] });
  expect(h.scheduler.calls.at(-1)).toBe(`schedule reminder--${task.id}.${reminder.id}.2`);
  expect(await rowsOf(task.id)).toEqual([
    expect.objectContaining({ status: 'scheduled', firedAt: null, generation: 2 }),
  ]);
});
