import { randomUUID } from 'node:crypto';
import { openTask, reminderIn, useCaseHarness } from '../testing';
import { forgetUser } from './forget-user';
import { reconcileReminders } from './reconcile-reminders';

let h: Awaited<ReturnType<typeof useCaseHarness>>;

beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

test("a deleted account: its waiting jobs are cancelled and all its reminders forgotten, no one else's", async () => {
  const reconcile = reconcileReminders(h);
  const forget = forgetUser(h);
  const [userId, otherId] = [randomUUID(), randomUUID()];
  const [waiting, fired] = [reminderIn(h.now(), 10), reminderIn(h.now(), 20)];
  const task = openTask(userId, h.now(), { reminders: [waiting, fired] });
  const other = openTask(otherId, h.now(), { reminders: [reminderIn(h.now(), 10)] });
  for (const t of [task, other]) await h.store.transaction((tx) => reconcile(tx, t));
  await h.db.scheduledReminder.update({
    where: { taskId_reminderId: { taskId: task.id, reminderId: fired.id } },
    data: { status: 'fired', firedAt: h.now() },
  });
  const [calls, cancelled] = [h.scheduler.calls.length, await h.counted('cancelled')];

  await h.store.transaction((tx) => forget(tx, userId));
  expect(h.scheduler.calls.slice(calls)).toEqual([`cancel reminder--${task.id}.${waiting.id}.1`]);
  expect((await h.counted('cancelled')) - cancelled).toBe(1);
  expect(await h.db.scheduledReminder.count({ where: { userId } })).toBe(0);
  expect(await h.db.scheduledReminder.count({ where: { userId: otherId } })).toBe(1);
  expect(h.scheduler.waiting.has(`reminder--${task.id}.${waiting.id}.1`)).toBe(false);
  expect(h.scheduler.waiting.has(`reminder--${other.id}.${other.reminders[0]!.id}.1`)).toBe(true);
});
