import type { Task } from '../../api/types';
import { changedFields, draftFromTask, draftToInput, emptyDraft, fieldsChangedBetween, rebaseDraft } from './draft';

const task: Task = {
  id: 't1',
  userId: 'u1',
  title: 'Report',
  notes: '',
  status: 'open',
  priority: 'high',
  tags: [
    { id: 'a', name: 'work', color: null },
    { id: 'b', name: 'deep', color: null },
  ],
  listId: null,
  due: { dateTime: '2025-12-04T09:30:00', timeZone: 'Europe/Paris' },
  dueAt: '2025-12-04T08:30:00.000Z',
  reminders: [{ id: 'r1', type: 'relative', minutesBefore: 1440 }],
  recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO', mode: 'fixed-schedule' },
  seriesId: null,
  version: 3,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  completedAt: null,
  deletedAt: null,
};

test('an untouched draft changes nothing', () => {
  expect(changedFields(task, draftFromTask(task, 'Europe/London'))).toEqual({});
});

test('relative reminders are shown in the largest whole unit', () => {
  expect(draftFromTask(task, 'UTC').reminders[0]).toMatchObject({ type: 'relative', amount: 1, unit: 'days' });
});

test('only changed fields are sent; tag order does not count as a change', () => {
  const d = draftFromTask(task, 'UTC');
  d.title = 'Quarterly report';
  d.tagIds = ['b', 'a'];
  d.reminders = [{ key: 'k', type: 'relative', amount: 2, unit: 'hours' }];
  d.dueKind = 'date';
  d.date = '2025-12-05';
  expect(changedFields(task, d)).toEqual({
    title: 'Quarterly report',
    reminders: [{ type: 'relative', minutesBefore: 120 }],
    due: { date: '2025-12-05' },
  });
});

test('clearing the rule and the due date sends null', () => {
  const d = draftFromTask(task, 'UTC');
  d.rrule = '';
  d.dueKind = 'none';
  d.reminders = [];
  expect(changedFields(task, d)).toEqual({ recurrence: null, due: null, reminders: [] });
});

test('a new draft becomes a minimal input', () => {
  const d = { ...emptyDraft('Europe/London'), title: '  Call mum ', rrule: 'RRULE:FREQ=DAILY' };
  expect(draftToInput(d)).toMatchObject({
    title: 'Call mum',
    recurrence: { rrule: 'FREQ=DAILY', mode: 'fixed-schedule' },
  });
});

test('a version saved elsewhere: which fields changed, and keeping mine keeps their other changes', () => {
  const theirs: Task = { ...task, version: 4, notes: 'From the phone', priority: 'low' };
  expect(fieldsChangedBetween(task, theirs)).toEqual(['notes', 'priority']);
  const mine = draftFromTask(task, 'UTC');
  mine.title = 'Quarterly report';
  mine.priority = 'urgent';
  const rebased = rebaseDraft(task, mine, theirs, 'UTC');
  // Saved on their version, only my fields are sent: their notes stay, my title and priority win.
  expect(changedFields(theirs, rebased)).toEqual({ title: 'Quarterly report', priority: 'urgent' });
  expect(rebased.notes).toBe('From the phone');
});
