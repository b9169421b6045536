import { DateTime } from 'luxon';
import { dueColumns, dueOf, editColumns, editProblems, needsUserTimeZone } from './task-changes';
import { isRestorable, restorableUntil, RESTORE_WINDOW_MS } from './restore-window';
import { aRecord } from '../test-fixtures';

// Pure rules, checked against fixed dates in the past (a computation, not "ahead" of today).

const relative = (minutesBefore: number) => ({
  id: '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901',
  taskId: '5f0e8a4e-3c2b-4a8f-9e61-7c1d2b3a4f50',
  type: 'relative',
  at: null,
  minutesBefore,
  position: 0,
});

describe('due dates', () => {
  test('a date is due at the end of its day in its own zone, else the user’s, else UTC', () => {
    const end = (zone: string) => DateTime.fromISO('2025-03-10', { zone }).endOf('day').toJSDate();
    expect(dueColumns({ date: '2025-03-10', timeZone: 'Asia/Tokyo' }, 'Europe/Paris').dueAt).toEqual(end('Asia/Tokyo'));
    expect(dueColumns({ date: '2025-03-10' }, 'Europe/Paris')).toEqual({
      dueDate: '2025-03-10',
      dueDateTime: null,
      dueTimeZone: null,
      dueAt: end('Europe/Paris'),
    });
    expect(dueColumns({ date: '2025-03-10' }, null).dueAt).toEqual(end('UTC'));
  });

  test('a wall-clock time is read in its zone; only a date without a zone needs the user’s', () => {
    const due = { dateTime: '2025-07-01T09:00', timeZone: 'Europe/London' };
    expect(dueColumns(due)).toEqual({
      dueDate: null,
      dueDateTime: '2025-07-01T09:00',
      dueTimeZone: 'Europe/London',
      dueAt: new Date('2025-07-01T08:00:00Z'),
    });
    expect(dueColumns(null)).toEqual({ dueDate: null, dueDateTime: null, dueTimeZone: null, dueAt: null });
    expect([due, { date: '2025-03-10', timeZone: 'UTC' }, { date: '2025-03-10' }, null].map(needsUserTimeZone)).toEqual(
      [false, false, true, false],
    );
  });

  test('a task’s due date reads back as entered', () => {
    expect(dueOf(aRecord({ dueDateTime: '2025-07-01T09:00', dueTimeZone: 'Europe/London' }))).toEqual({
      dateTime: '2025-07-01T09:00',
      timeZone: 'Europe/London',
    });
    expect(dueOf(aRecord({ dueDate: '2025-07-01' }))).toEqual({ date: '2025-07-01', timeZone: undefined });
    expect(dueOf(aRecord())).toBeNull();
  });
});

describe('an edit, checked against the task it would leave', () => {
  const dated = aRecord({ dueDate: '2025-03-10', reminders: [relative(30)] });

  test('clearing the due date is refused while relative reminders or a rule depend on it', () => {
    expect(editProblems(dated, { due: null })).toEqual([
      { field: 'body.reminders.0', message: 'a reminder relative to the due date needs a due date' },
    ]);
    expect(editProblems(dated, { due: null, reminders: [] })).toEqual([]);
    const recurring = aRecord({ ...dated, reminders: [], recurrenceRule: 'FREQ=DAILY' });
    expect(editProblems(recurring, { due: null })).toEqual([
      { field: 'body.recurrence', message: 'a recurring task needs a due date' },
    ]);
    expect(editProblems(recurring, { due: null, recurrence: null })).toEqual([]);
  });

  test('an absolute reminder after the (new) end of the series is refused', () => {
    const reminders = [{ type: 'absolute' as const, at: '2025-04-01T09:00:00Z' }];
    const ending = { rrule: 'FREQ=DAILY;UNTIL=20250320', mode: 'after-completion' as const };
    expect(editProblems(dated, { reminders, recurrence: ending })).toEqual([
      { field: 'body.reminders.0.at', message: 'is after the series ends (UNTIL 2025-03-20T23:59:59.000Z)' },
    ]);
    // The reminders the task keeps are checked against a new rule too.
    const withReminder = aRecord({
      dueDate: '2025-03-10',
      reminders: [{ ...relative(0), type: 'absolute', at: new Date('2025-04-01T09:00:00Z'), minutesBefore: null }],
    });
    expect(editProblems(withReminder, { recurrence: ending })).toHaveLength(1);
    expect(editProblems(withReminder, { title: 'x' })).toEqual([]);
  });

  test('the columns an edit sets are only those it names; null clears', () => {
    expect(editColumns({ title: 'x', listId: null })).toEqual({ title: 'x', listId: null });
    expect(editColumns({ recurrence: null })).toEqual({
      recurrenceRule: null,
      recurrenceMode: null,
      recurrenceMissed: null,
      recurrenceExdates: [],
    });
    expect(editColumns({ notes: '', priority: 'high', tagIds: [] })).toEqual({ notes: '', priority: 'high' });
  });
});

test('a deleted task can be restored for the window, and not a moment longer', () => {
  const deletedAt = new Date('2025-01-01T00:00:00Z');
  expect(restorableUntil(deletedAt)).toEqual(new Date('2025-01-31T00:00:00Z'));
  expect(isRestorable(deletedAt, new Date(deletedAt.getTime() + RESTORE_WINDOW_MS))).toBe(true);
  expect(isRestorable(deletedAt, new Date(deletedAt.getTime() + RESTORE_WINDOW_MS + 1))).toBe(false);
});
