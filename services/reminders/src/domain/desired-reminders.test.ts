import { taskCreated } from '@daybook/contracts';
import { desiredReminders, parseReminderJobId, reminderJobId } from './desired-reminders';

const task = taskCreated.example.task;
const now = new Date('2026-11-22T12:00:00Z');

test('relative reminders count back from the due instant; absolute ones keep their time', () => {
  const t = {
    ...task,
    dueAt: '2026-11-23T09:00:00.000Z',
    reminders: [
      { id: '11111111-1111-4111-8111-111111111111', type: 'relative' as const, minutesBefore: 15 },
      { id: '22222222-2222-4222-8222-222222222222', type: 'absolute' as const, at: '2026-11-22T18:00:00.000Z' },
    ],
  };
  expect(desiredReminders(t, now).map((r) => r.fireAt.toISOString())).toEqual([
    '2026-11-23T08:45:00.000Z',
    '2026-11-22T18:00:00.000Z',
  ]);
});

test('a reminder a little late (events lag) still fires; one long past does not', () => {
  const lagging = { ...task, dueAt: '2026-11-22T12:13:00.000Z' }; // 15 min before: 2 min ago
  expect(desiredReminders(lagging, now)).toHaveLength(1);
});

test('nothing waits for a done or deleted task, or a moment long past', () => {
  const past = { ...task, dueAt: '2026-11-22T11:00:00.000Z' };
  expect(desiredReminders(past, now)).toEqual([]);
  expect(desiredReminders({ ...task, status: 'done' }, now)).toEqual([]);
  expect(desiredReminders({ ...task, deletedAt: '2026-11-22T10:00:00.000Z' }, now)).toEqual([]);
});

test('job ids round-trip and reject anything else', () => {
  const id = reminderJobId(task.id, task.reminders[0]!.id, 3);
  expect(parseReminderJobId(id)).toEqual({ taskId: task.id, reminderId: task.reminders[0]!.id, generation: 3 });
  expect(parseReminderJobId('nonsense')).toBeUndefined();
});
