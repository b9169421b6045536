import type { AuditEntry, Task } from '../../api/types';
import { instantLabel, wallClockLabel } from '../../lib/dates';
import { dateLabel, describeTaskEntry, dueLabel, reminderLabel, repeatLabel } from './history';

const me = '0b6c1c84-6d2f-4d8e-9d6e-2a4f6b1f9a10';
const timeZone = 'Europe/London';
const lists = [
  { id: 'l-home', name: 'Home' },
  { id: 'l-work', name: 'Work' },
];
const task: Task = {
  id: 't1',
  userId: me,
  title: 'Water the plants',
  notes: '',
  status: 'open',
  priority: 'medium',
  tags: [{ id: 'a', name: 'home', color: null }],
  listId: 'l-home',
  due: { dateTime: '2025-03-03T09:00:00', timeZone },
  dueAt: '2025-03-03T09:00:00.000Z',
  reminders: [{ id: 'r1', type: 'relative', minutesBefore: 15 }],
  recurrence: null,
  seriesId: null,
  version: 1,
  createdAt: '2025-03-01T08:00:00.000Z',
  updatedAt: '2025-03-01T08:00:00.000Z',
  completedAt: null,
  deletedAt: null,
};

/** An entry as the audit service answers it; its diff as the service computes it (top-level paths suffice here). */
function entry(eventType: string, before: Task | null, after: Task, actor = `user:${me}`): AuditEntry {
  const changes =
    before === null
      ? null
      : // Both sides' keys, as the audit service's diff has them (an optional field can go).
        [...new Set([...Object.keys(before), ...Object.keys(after)])]
          .filter((k) => JSON.stringify(before[k as keyof Task]) !== JSON.stringify(after[k as keyof Task]))
          .map((path) => ({
            path,
            kind: 'changed' as const,
            from: before[path as keyof Task],
            to: after[path as keyof Task],
          }));
  return {
    eventId: 'e1',
    eventType,
    entityType: 'task',
    entityId: task.id,
    userId: me,
    actor,
    before: before as AuditEntry['before'],
    after: after as AuditEntry['after'],
    changes,
    occurredAt: '2025-03-02T10:15:00.000Z',
    correlationId: 'c1',
    causationId: 'c1',
    recordedAt: '2025-03-02T10:15:01.000Z',
    id: '42',
  };
}

const describe_ = (e: AuditEntry) => describeTaskEntry(e, { me, timeZone, lists });

test('who, when and what: every changed field in words, bookkeeping left out', () => {
  const after: Task = {
    ...task,
    title: 'Water the ferns',
    priority: 'urgent',
    due: { dateTime: '2025-03-04T10:30:00', timeZone },
    dueAt: '2025-03-04T10:30:00.000Z',
    tags: [...task.tags, { id: 'b', name: 'garden', color: null }],
    listId: 'l-work',
    notes: 'Rain water only',
    reminders: [{ id: 'r2', type: 'relative', minutesBefore: 60 }],
    recurrence: { rrule: 'FREQ=WEEKLY;INTERVAL=2', mode: 'fixed-schedule' },
    version: 2,
    updatedAt: '2025-03-02T10:15:00.000Z',
  };
  const described = describe_(entry('daybook.task.updated.v1', task, after));
  expect(described).toMatchObject({
    id: '42',
    who: 'You',
    at: '2025-03-02T10:15:00.000Z',
    when: instantLabel('2025-03-02T10:15:00.000Z', timeZone),
    headline: 'Edited the task',
  });
  expect(described.lines).toEqual([
    { field: 'title', text: 'Title changed from “Water the plants” to “Water the ferns”' },
    { field: 'priority', text: 'Priority changed from medium to urgent' },
    {
      field: 'due',
      text: `Due changed from ${wallClockLabel('2025-03-03T09:00:00')} to ${wallClockLabel('2025-03-04T10:30:00')}`,
    },
    { field: 'tags', text: 'Tags: added garden' },
    { field: 'listId', text: 'Moved from Home to Work' },
    { field: 'notes', text: 'Notes added' },
    { field: 'reminders', text: 'Reminders changed from 15 minutes before to 1 hour before' },
    { field: 'recurrence', text: 'Repeat changed from never to every 2 weeks' },
  ]);
});

test('completing, due dates set and removed, tags removed, a service’s change', () => {
  const done = { ...task, status: 'done' as const, completedAt: '2025-03-02T10:15:00.000Z', version: 2 };
  expect(describe_(entry('daybook.task.completed.v1', task, done))).toMatchObject({
    headline: 'Marked it done',
    lines: [{ field: 'status', text: 'Status changed from open to done' }],
  });
  const undated = { ...task, due: null, dueAt: null, tags: [], listId: null };
  expect(describe_(entry('daybook.task.updated.v1', task, undated, 'service:tasks'))).toMatchObject({
    who: 'Daybook',
    lines: [
      { field: 'due', text: `Due date removed (was ${wallClockLabel('2025-03-03T09:00:00')})` },
      { field: 'tags', text: 'Tags: removed home' },
      { field: 'listId', text: 'Moved from Home to no list' },
    ],
  });
  const dated = { ...undated, due: { date: '2025-03-05' } };
  expect(describe_(entry('daybook.task.updated.v1', undated, dated)).lines).toEqual([
    { field: 'due', text: `Due set to ${dateLabel('2025-03-05')}` },
  ]);
});

test('moved under another task, and back to the top level', () => {
  const under = { ...task, parentId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', version: 2 };
  expect(describe_(entry('daybook.task.updated.v1', task, under)).lines).toEqual([
    { field: 'parentId', text: 'Became a subtask' },
  ]);
  expect(describe_(entry('daybook.task.updated.v1', under, { ...task, version: 3 })).lines).toEqual([
    { field: 'parentId', text: 'Became a task of its own' },
  ]);
});

test('a creation says what the task started with', () => {
  expect(describe_(entry('daybook.task.created.v1', null, task))).toMatchObject({
    headline: 'Created the task',
    lines: [
      { field: 'title', text: 'Title “Water the plants”' },
      { field: 'due', text: `Due ${wallClockLabel('2025-03-03T09:00:00')}` },
      { field: 'priority', text: 'Priority medium' },
      { field: 'tags', text: 'Tags home' },
    ],
  });
});

test('an entry written before diffs were kept is compared here', () => {
  const renamed = entry('daybook.task.updated.v1', task, { ...task, title: 'Renamed', version: 2 });
  expect(describe_({ ...renamed, changes: null, actor: null })).toMatchObject({
    who: 'Someone',
    lines: [{ field: 'title', text: 'Title changed from “Water the plants” to “Renamed”' }],
  });
});

test('labels: a due in another zone names it; reminders and repeats in brief', () => {
  expect(dueLabel({ dateTime: '2025-03-03T09:00:00', timeZone: 'America/New_York' }, timeZone)).toBe(
    `${wallClockLabel('2025-03-03T09:00:00')} (America/New York)`,
  );
  expect(dueLabel(null, timeZone)).toBe('no due date');
  expect(reminderLabel({ id: 'r', type: 'relative', minutesBefore: 2880 }, timeZone)).toBe('2 days before');
  expect(reminderLabel({ id: 'r', type: 'relative', minutesBefore: 0 }, timeZone)).toBe('when due');
  expect(reminderLabel({ id: 'r', type: 'relative', minutesBefore: 1 }, timeZone)).toBe('1 minute before');
  expect(repeatLabel({ rrule: 'FREQ=DAILY', mode: 'after-completion' })).toBe('daily');
  expect(repeatLabel(null)).toBe('never');
});
