import type { SeriesTemplate } from '../generated/prisma/client';
import { editScope, occurrenceOf, seriesEditProblem, sharedWithLater, templateChanges, templateOf } from './series';
import { aRecord } from '../test-fixtures';

const now = new Date('2025-03-01T12:00:00Z');

test('an edit reaches the series from the latest occurrence, this occurrence only from an older one, unless asked', () => {
  const template = { latestTaskId: 'latest' };
  expect(editScope(template, 'latest', undefined)).toBe('future');
  expect(editScope(template, 'older', undefined)).toBe('this');
  expect(editScope(template, 'latest', 'this')).toBe('this');
  expect(editScope(template, 'older', 'future')).toBe('future');
  expect(editScope(null, 'alone', 'future')).toBeUndefined();
});

test('the rule is the series’; only the latest occurrence moves it', () => {
  const rule = { recurrence: { rrule: 'FREQ=WEEKLY', mode: 'after-completion' as const } };
  const due = { due: { date: '2025-03-10' } };
  expect(seriesEditProblem('this', true, rule)).toMatchObject({ field: 'body.recurrence' });
  expect(seriesEditProblem('future', true, rule)).toBeUndefined();
  expect(seriesEditProblem('future', false, due)).toMatchObject({ field: 'body.due' });
  expect(seriesEditProblem('future', true, due)).toBeUndefined();
  expect(seriesEditProblem('this', false, due)).toBeUndefined();
  expect(seriesEditProblem(undefined, false, { ...rule, ...due })).toBeUndefined();
});

test('later occurrences share an edit but their own due dates and absolute reminders', () => {
  expect(
    sharedWithLater({
      title: 'x',
      due: { date: '2025-03-10' },
      reminders: [
        { type: 'absolute', at: '2025-03-09T09:00:00Z' },
        { type: 'relative', minutesBefore: 5 },
      ],
    }),
  ).toEqual({ title: 'x', reminders: [{ type: 'relative', minutesBefore: 5 }] });
  expect(sharedWithLater({ due: null })).toEqual({});
});

test('the template copies a task but its due date and absolute reminders; an edit changes only what it names', () => {
  const task = aRecord({
    title: 'Stretch',
    recurrenceRule: 'FREQ=DAILY',
    recurrenceMode: 'after-completion',
    tags: [
      {
        taskId: 't',
        tagId: 'tag-1',
        tag: { id: 'tag-1', userId: 'u', name: 'health', color: null, position: 0, createdAt: now },
      },
    ],
    reminders: [
      { id: 'r1', taskId: 't', type: 'absolute', at: now, minutesBefore: null, position: 0 },
      { id: 'r2', taskId: 't', type: 'relative', at: null, minutesBefore: 15, position: 1 },
    ],
  });
  expect(templateOf(task, now)).toMatchObject({
    title: 'Stretch',
    tagIds: ['tag-1'],
    reminderMinutes: [15],
    recurrenceRule: 'FREQ=DAILY',
    latestTaskId: task.id,
    updatedAt: now,
  });
  expect(templateChanges({ title: 'y', reminders: [{ type: 'relative', minutesBefore: 5 }] }, now)).toEqual({
    updatedAt: now,
    title: 'y',
    reminderMinutes: [5],
  });
  expect(templateChanges({}, now)).toEqual({ updatedAt: now });
});

test('an occurrence is the template with the series and key of the request, and relative reminders', () => {
  const template: SeriesTemplate = {
    seriesId: 'series',
    userId: 'u',
    title: 'Stretch',
    notes: '',
    priority: 'low',
    listId: 'list',
    tagIds: [],
    reminderMinutes: [15, 0],
    recurrenceRule: 'FREQ=DAILY',
    recurrenceMode: 'after-completion',
    recurrenceMissed: null,
    recurrenceExdates: [],
    latestTaskId: 'latest',
    updatedAt: now,
  };
  const request = {
    seriesId: 'series',
    userId: 'u',
    templateTaskId: 'latest',
    occurrenceKey: 'series:2025-03-02',
    due: { date: '2025-03-02' },
    dueAt: '2025-03-02T23:59:59.999Z',
    timeZone: 'UTC',
  };
  const { task, reminders } = occurrenceOf(template, request, true);
  expect(task).toMatchObject({
    title: 'Stretch',
    listId: 'list',
    seriesId: 'series',
    occurrenceKey: 'series:2025-03-02',
  });
  expect(reminders).toEqual([
    { type: 'relative', minutesBefore: 15 },
    { type: 'relative', minutesBefore: 0 },
  ]);
  expect(occurrenceOf(template, request, false).task.listId).toBeNull();
});
