import { randomUUID } from 'node:crypto';
import { openTask, reminderIn, useCaseHarness } from '../testing';
import { listReminders } from './list-reminders';
import { reconcileReminders } from './reconcile-reminders';

let h: Awaited<ReturnType<typeof useCaseHarness>>;
let list: ReturnType<typeof listReminders>;

beforeAll(async () => {
  h = await useCaseHarness();
  list = listReminders(h);
});
afterAll(() => h?.close());

test("a user's waiting and fired reminders, soonest first, of one task if asked; never others'", async () => {
  const reconcile = reconcileReminders(h);
  const userId = randomUUID();
  const [soon, later, cancelled] = [reminderIn(h.now(), 10), reminderIn(h.now(), 40), reminderIn(h.now(), 20)];
  const first = openTask(userId, h.now(), { reminders: [later, cancelled] });
  const second = openTask(userId, h.now(), { reminders: [soon] });
  const someoneElses = openTask(randomUUID(), h.now(), { reminders: [reminderIn(h.now(), 5)] });
  for (const task of [first, second, someoneElses]) await h.store.transaction((tx) => reconcile(tx, task));
  await h.db.scheduledReminder.update({
    where: { taskId_reminderId: { taskId: first.id, reminderId: cancelled.id } },
    data: { status: 'cancelled' },
  });
  await h.db.scheduledReminder.update({
    where: { taskId_reminderId: { taskId: second.id, reminderId: soon.id } },
    data: { status: 'fired', firedAt: h.now() },
  });

  expect((await list({ userId })).map((r) => [r.reminderId, r.status])).toEqual([
    [soon.id, 'fired'],
    [later.id, 'scheduled'],
  ]);
  expect((await list({ userId, taskId: first.id })).map((r) => r.reminderId)).toEqual([later.id]);
  expect(await list({ userId, taskId: someoneElses.id })).toEqual([]);
  expect(await list({ userId: randomUUID() })).toEqual([]);
});
