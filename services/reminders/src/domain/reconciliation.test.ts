import { taskCreated, type TaskSnapshot } from '@daybook/contracts';
import { LATE_GRACE_MS } from './desired-reminders';
import { planReconciliation, type HeldReminder } from './reconciliation';

const now = new Date('2026-11-22T12:00:00Z');
const inMinutes = (m: number) => new Date(now.getTime() + m * 60_000);
const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

const task = (overrides: Partial<TaskSnapshot> = {}): TaskSnapshot => ({
  ...taskCreated.example.task,
  title: 'Call the dentist',
  status: 'open',
  deletedAt: null,
  dueAt: inMinutes(60).toISOString(),
  reminders: [
    { id: A, type: 'absolute', at: inMinutes(30).toISOString() },
    { id: B, type: 'relative', minutesBefore: 15 },
  ],
  ...overrides,
});
const held = (reminderId: string, fireAt: Date, rest: Partial<HeldReminder> = {}): HeldReminder => ({
  reminderId,
  fireAt,
  status: 'scheduled',
  generation: 1,
  taskTitle: 'Call the dentist',
  snoozedFrom: null,
  ...rest,
});
const nothing = { cancel: [], retitle: [], remove: [], expire: [], schedule: [] };

test('a new task: each reminder is scheduled, generation 1, at its time', () => {
  expect(planReconciliation(task(), [], now)).toEqual({
    ...nothing,
    schedule: [
      { reminderId: A, fireAt: inMinutes(30), generation: 1 },
      { reminderId: B, fireAt: inMinutes(45), generation: 1 },
    ],
  });
});

test('reminders already waiting at the right time are left alone; a new title is copied', () => {
  const rows = [held(A, inMinutes(30)), held(B, inMinutes(45))];
  expect(planReconciliation(task(), rows, now)).toEqual(nothing);
  expect(planReconciliation(task({ title: 'Call the vet' }), rows, now)).toEqual({ ...nothing, retitle: [A, B] });
});

test('a changed time cancels the waiting job and schedules the next generation', () => {
  const rows = [held(A, inMinutes(20), { generation: 3 }), held(B, inMinutes(45))];
  expect(planReconciliation(task(), rows, now)).toEqual({
    ...nothing,
    cancel: [{ reminderId: A, generation: 3 }],
    schedule: [{ reminderId: A, fireAt: inMinutes(30), generation: 4 }],
  });
});

test('a completed or deleted task: waiting jobs are cancelled and every row forgotten', () => {
  const rows = [held(A, inMinutes(30)), held(B, inMinutes(-120), { status: 'fired' })];
  const forgotten = { ...nothing, cancel: [{ reminderId: A, generation: 1 }], remove: [A, B] };
  expect(planReconciliation(task({ status: 'done' }), rows, now)).toEqual(forgotten);
  expect(planReconciliation(task({ deletedAt: now.toISOString() }), rows, now)).toEqual(forgotten);
});

test('a reminder removed from the task is cancelled and forgotten', () => {
  const rows = [held(A, inMinutes(30)), held(B, inMinutes(45))];
  const onlyB = task({ reminders: [{ id: B, type: 'relative', minutesBefore: 15 }] });
  expect(planReconciliation(onlyB, rows, now)).toEqual({
    ...nothing,
    cancel: [{ reminderId: A, generation: 1 }],
    remove: [A],
  });
});

test('a reminder moved long into the past is cancelled but kept, marked as such: it will not fire late', () => {
  const longAgo = new Date(now.getTime() - LATE_GRACE_MS - 60_000);
  const moved = task({
    reminders: [
      { id: A, type: 'absolute', at: longAgo.toISOString() },
      { id: B, type: 'relative', minutesBefore: 15 },
    ],
  });
  expect(planReconciliation(moved, [held(A, inMinutes(30), { generation: 2 }), held(B, inMinutes(45))], now)).toEqual({
    ...nothing,
    cancel: [{ reminderId: A, generation: 2 }],
    expire: [A],
  });
});

test('a fired or cancelled reminder asked for again (reopened, moved ahead) is scheduled anew', () => {
  const rows = [
    held(A, inMinutes(-90), { status: 'fired', generation: 2 }),
    held(B, inMinutes(-75), { status: 'cancelled' }),
  ];
  expect(planReconciliation(task(), rows, now)).toEqual({
    ...nothing,
    schedule: [
      { reminderId: A, fireAt: inMinutes(30), generation: 3 },
      { reminderId: B, fireAt: inMinutes(45), generation: 2 },
    ],
  });
});

test('a fired reminder no longer asked for stays as it is', () => {
  const noDue = task({ dueAt: null, reminders: [{ id: B, type: 'relative', minutesBefore: 15 }] });
  expect(planReconciliation(noDue, [held(B, inMinutes(-10), { status: 'fired' })], now)).toEqual(nothing);
});

test('a reminder that just fired is not fired again by an edit of its task; moved, it is scheduled anew', () => {
  const justFired = [held(A, inMinutes(-1), { status: 'fired' }), held(B, inMinutes(45))];
  const edited = task({
    title: 'Call the dentist (renamed)',
    reminders: [
      { id: A, type: 'absolute', at: inMinutes(-1).toISOString() },
      { id: B, type: 'relative', minutesBefore: 15 },
    ],
  });
  expect(planReconciliation(edited, justFired, now)).toEqual({ ...nothing, retitle: [B] });
  const moved = task({
    reminders: [
      { id: A, type: 'absolute', at: inMinutes(90).toISOString() },
      { id: B, type: 'relative', minutesBefore: 15 },
    ],
  });
  expect(planReconciliation(moved, justFired, now)).toEqual({
    ...nothing,
    schedule: [{ reminderId: A, fireAt: inMinutes(90), generation: 2 }],
  });
});

test('a snoozed reminder survives an edit that keeps its time, even once that time is long past', () => {
  // Snoozed at its time (30 min ago) until 10 minutes from now; then the title changes.
  const due = task({
    dueAt: inMinutes(-15).toISOString(),
    reminders: [{ id: A, type: 'absolute', at: inMinutes(-30).toISOString() }],
  });
  const snoozed = held(A, inMinutes(10), { generation: 2, snoozedFrom: inMinutes(-30) });
  expect(planReconciliation(due, [snoozed], now)).toEqual(nothing);
  expect(planReconciliation({ ...due, title: 'Call the vet' }, [snoozed], now)).toEqual({ ...nothing, retitle: [A] });
  // Fired after its snooze: an edit does not fire it again at the old time.
  expect(planReconciliation(due, [{ ...snoozed, status: 'fired' }], now)).toEqual(nothing);
});

test('moving a snoozed reminder replaces the snooze with the new time', () => {
  const snoozed = held(A, inMinutes(10), { generation: 2, snoozedFrom: inMinutes(5) });
  expect(planReconciliation(task(), [snoozed, held(B, inMinutes(45))], now)).toEqual({
    ...nothing,
    cancel: [{ reminderId: A, generation: 2 }],
    schedule: [{ reminderId: A, fireAt: inMinutes(30), generation: 3 }],
  });
});
