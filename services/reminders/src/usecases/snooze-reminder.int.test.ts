import { randomUUID } from 'node:crypto';
import { Conflict, InvalidInput, NotFound } from '@daybook/service-kit';
import { openTask, reminderIn, useCaseHarness } from '../testing';
import { fireReminder } from './fire-reminder';
import { reconcileReminders } from './reconcile-reminders';
import { snoozeReminder } from './snooze-reminder';

// Snoozing reschedules one of the user's reminders in PostgreSQL and the recording Scheduler.
let h: Awaited<ReturnType<typeof useCaseHarness>>;
let snooze: ReturnType<typeof snoozeReminder>;
let reconcile: ReturnType<typeof reconcileReminders>;
let fire: ReturnType<typeof fireReminder>;

beforeAll(async () => {
  h = await useCaseHarness();
  snooze = snoozeReminder(h);
  reconcile = reconcileReminders(h);
  fire = fireReminder(h);
});
afterAll(() => h?.close());

const minutesAhead = (m: number) => new Date(h.now().getTime() + m * 60_000);

async function aReminder() {
  const reminder = reminderIn(h.now(), 10);
  const task = openTask(randomUUID(), h.now(), { reminders: [reminder] });
  await h.store.transaction((tx) => reconcile(tx, task));
  return { userId: task.userId, taskId: task.id, reminderId: reminder.id, task };
}

test('snoozing a fired reminder schedules it again, next generation, at the time asked', async () => {
  const { task, ...ids } = await aReminder();
  await fire({ taskId: ids.taskId, reminderId: ids.reminderId, generation: 1 });
  const calls = h.scheduler.calls.length;

  const row = await snooze({ ...ids, snooze: { minutes: 5 } });
  expect(row).toEqual(
    expect.objectContaining({ fireAt: minutesAhead(5), generation: 2, status: 'scheduled', firedAt: null }),
  );
  expect(row.taskTitle).toBe(task.title);
  // Nothing waited (it had fired), so nothing is cancelled.
  expect(h.scheduler.calls.slice(calls)).toEqual([`schedule reminder--${ids.taskId}.${ids.reminderId}.2`]);
  expect(h.scheduler.waiting.get(`reminder--${ids.taskId}.${ids.reminderId}.2`)).toEqual({
    when: { at: minutesAhead(5) },
    data: { taskId: ids.taskId, reminderId: ids.reminderId, generation: 2 },
  });
});

test('snoozing a waiting reminder replaces its job; the old trigger is then a no-op', async () => {
  const ids = await aReminder();
  const until = minutesAhead(60);
  await snooze({ ...ids, snooze: { until } });
  expect(h.scheduler.calls.slice(-2)).toEqual([
    `cancel reminder--${ids.taskId}.${ids.reminderId}.1`,
    `schedule reminder--${ids.taskId}.${ids.reminderId}.2`,
  ]);
  await fire({ taskId: ids.taskId, reminderId: ids.reminderId, generation: 1 });
  expect(await h.db.scheduledReminder.findFirst({ where: { taskId: ids.taskId } })).toEqual(
    expect.objectContaining({ status: 'scheduled', generation: 2, fireAt: until }),
  );
});

test('a time not in the future, or more than 30 days ahead, is refused naming body.until; nothing changes', async () => {
  const ids = await aReminder();
  const calls = h.scheduler.calls.length;
  for (const until of [h.now(), minutesAhead(-1), minutesAhead(30 * 24 * 60 + 1)]) {
    const refused = snooze({ ...ids, snooze: { until } });
    await expect(refused).rejects.toBeInstanceOf(InvalidInput);
    await expect(refused).rejects.toMatchObject({ field: 'body.until' });
  }
  expect(h.scheduler.calls.length).toBe(calls);
  expect(await h.db.scheduledReminder.findFirst({ where: { taskId: ids.taskId } })).toEqual(
    expect.objectContaining({ status: 'scheduled', generation: 1 }),
  );
});

test("someone else's reminder, or one that does not exist, is not found", async () => {
  const ids = await aReminder();
  await expect(snooze({ ...ids, userId: randomUUID(), snooze: { minutes: 5 } })).rejects.toBeInstanceOf(NotFound);
  await expect(snooze({ ...ids, reminderId: randomUUID(), snooze: { minutes: 5 } })).rejects.toBeInstanceOf(NotFound);
});

test('a reminder cancelled with its task cannot be snoozed', async () => {
  const ids = await aReminder();
  await h.db.scheduledReminder.updateMany({ where: { taskId: ids.taskId }, data: { status: 'cancelled' } });
  await expect(snooze({ ...ids, snooze: { minutes: 5 } })).rejects.toBeInstanceOf(Conflict);
});

test('editing the task keeps the snooze; moving the reminder replaces it', async () => {
  const { task, ...ids } = await aReminder();
  const until = minutesAhead(60);
  await snooze({ ...ids, snooze: { until } });
  const job = (generation: number) => `reminder--${ids.taskId}.${ids.reminderId}.${generation}`;

  await h.store.transaction((tx) => reconcile(tx, { ...task, title: 'Call the vet', version: task.version + 1 }));
  expect(await h.db.scheduledReminder.findFirst({ where: { taskId: ids.taskId } })).toEqual(
    expect.objectContaining({ status: 'scheduled', generation: 2, fireAt: until, taskTitle: 'Call the vet' }),
  );
  expect(h.scheduler.waiting.has(job(2))).toBe(true);

  const moved = { ...reminderIn(h.now(), 20), id: ids.reminderId };
  await h.store.transaction((tx) => reconcile(tx, { ...task, reminders: [moved], version: task.version + 2 }));
  expect(h.scheduler.waiting.has(job(2))).toBe(false);
  expect(await h.db.scheduledReminder.findFirst({ where: { taskId: ids.taskId } })).toEqual(
    expect.objectContaining({ status: 'scheduled', generation: 3, fireAt: minutesAhead(20), snoozedFrom: null }),
  );
});
