import { randomUUID } from 'node:crypto';
import { reminderDue } from '@daybook/contracts';
import { openTask, reminderIn, useCaseHarness } from '../testing';
import { fireReminder } from './fire-reminder';
import { reconcileReminders } from './reconcile-reminders';

// Triggers claim the current scheduling in PostgreSQL and write reminder.due to the outbox.
let h: Awaited<ReturnType<typeof useCaseHarness>>;
let fire: ReturnType<typeof fireReminder>;
let reconcile: ReturnType<typeof reconcileReminders>;

beforeAll(async () => {
  h = await useCaseHarness();
  fire = fireReminder(h);
  reconcile = reconcileReminders(h);
});
afterAll(() => h?.close());

/** A task with one reminder 10 minutes ahead, reconciled: its row and job exist. */
async function scheduledReminder() {
  const reminder = reminderIn(h.now(), 10);
  const task = openTask(randomUUID(), h.now(), { reminders: [reminder] });
  await h.store.transaction((tx) => reconcile(tx, task));
  return { task, reminder, job: { taskId: task.id, reminderId: reminder.id, generation: 1 } };
}
const dueFor = async (taskId: string) =>
  (await h.published()).filter(
    (e) => e.type === reminderDue.type && reminderDue.schema.parse(e.data).taskId === taskId,
  );

test('a trigger publishes reminder.due with the task it belongs to, and marks the reminder fired', async () => {
  const { task, reminder, job } = await scheduledReminder();
  const firedAt = new Date(new Date(reminder.at).getTime() + 250);
  h.setClock(firedAt);
  await fire(job);

  expect(await dueFor(task.id)).toEqual([
    {
      type: reminderDue.type,
      data: {
        reminderId: reminder.id,
        userId: task.userId,
        taskId: task.id,
        taskTitle: task.title,
        dueAt: task.dueAt,
        firedAt: firedAt.toISOString(),
      },
    },
  ]);
  expect(await h.db.scheduledReminder.findMany({ where: { taskId: task.id } })).toEqual([
    expect.objectContaining({ status: 'fired', firedAt }),
  ]);
  const delay = (await h.metrics.delay.get()).values.find((v) => v.metricName === 'daybook_reminder_delay_seconds_sum');
  expect(delay?.value).toBeGreaterThanOrEqual(0.25);
});

test('a repeated trigger publishes nothing more', async () => {
  const { task, job } = await scheduledReminder();
  await fire(job);
  const stale = await h.counted('stale');
  await fire(job);
  expect(await dueFor(task.id)).toHaveLength(1);
  expect((await h.counted('stale')) - stale).toBe(1);
});

test('of two concurrent deliveries of one trigger, exactly one publishes', async () => {
  const { task, job } = await scheduledReminder();
  const [fired, stale] = [await h.counted('fired'), await h.counted('stale')];
  await Promise.all([fire(job), fire(job), fire(job)]);
  expect(await dueFor(task.id)).toHaveLength(1);
  expect((await h.counted('fired')) - fired).toBe(1);
  expect((await h.counted('stale')) - stale).toBe(2);
});

test('a trigger of an outdated scheduling (the reminder was moved) is a no-op', async () => {
  const { task, reminder, job } = await scheduledReminder();
  const moved = { ...reminder, at: new Date(h.now().getTime() + 20 * 60_000).toISOString() };
  await h.store.transaction((tx) => reconcile(tx, { ...task, reminders: [moved] }));
  await fire(job);
  expect(await dueFor(task.id)).toEqual([]);
  expect(await h.db.scheduledReminder.findMany({ where: { taskId: task.id } })).toEqual([
    expect.objectContaining({ status: 'scheduled', generation: 2 }),
  ]);
  await fire({ ...job, generation: 2 });
  expect(await dueFor(task.id)).toHaveLength(1);
});

test('a trigger for a reminder that is gone (task deleted) is a no-op', async () => {
  const { task, job } = await scheduledReminder();
  await h.store.transaction((tx) => reconcile(tx, { ...task, deletedAt: h.now().toISOString() }));
  await fire(job);
  expect(await dueFor(task.id)).toEqual([]);
});
