import type { TaskSnapshot } from '@daybook/contracts';
import { seriesEditOf, type SeriesState } from './series-edit';

// Pure: fixed local times, nothing depends on today.
const series: SeriesState = {
  rrule: 'FREQ=DAILY',
  mode: 'after-completion',
  timeZone: 'Europe/London',
  startLocal: '2026-11-02T09:00:00',
  lastLocal: '2026-11-02T09:00:00',
  missedPolicy: 'create',
  exdates: [],
};
const task = (fields: Partial<TaskSnapshot>): TaskSnapshot => ({
  id: '5f0e8a4e-3c2b-4a8f-9e61-7c1d2b3a4f50',
  userId: '0b6c1c84-6d2f-4d8e-9d6e-2a4f6b1f9a10',
  title: 'Stretch',
  notes: '',
  status: 'open',
  priority: 'none',
  tags: [],
  listId: null,
  due: { dateTime: '2026-11-05T09:00:00', timeZone: 'Europe/London' },
  dueAt: '2026-11-05T09:00:00.000Z',
  reminders: [],
  recurrence: { rrule: 'FREQ=DAILY', mode: 'after-completion' },
  seriesId: null,
  version: 2,
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-01T09:00:00.000Z',
  completedAt: null,
  deletedAt: null,
  ...fields,
});

test('without a rule, without a due date, or deleted: the series stops', () => {
  expect(seriesEditOf(series, task({ recurrence: null }))).toEqual({ kind: 'stop' });
  expect(seriesEditOf(series, task({ due: null }))).toEqual({ kind: 'stop' });
  expect(seriesEditOf(series, task({ deletedAt: '2026-11-03T10:00:00.000Z' }))).toEqual({ kind: 'stop' });
});

test('after completion, another date at the same time of day changes nothing; a new time reshapes', () => {
  expect(seriesEditOf(series, task({}))).toEqual({ kind: 'unchanged' });
  expect(
    seriesEditOf(series, task({ due: { dateTime: '2026-11-05T18:30', timeZone: 'Europe/London' } })),
  ).toMatchObject({ kind: 'reshape', shape: { startLocal: '2026-11-05T18:30', lastLocal: '2026-11-05T18:30' } });
});

test('a fixed schedule is reshaped when its latest occurrence moves at all', () => {
  const fixed = { ...series, mode: 'fixed-schedule' };
  const recurrence = { rrule: 'FREQ=DAILY', mode: 'fixed-schedule' as const };
  expect(
    seriesEditOf(fixed, task({ recurrence, due: { dateTime: '2026-11-02T09:00:00', timeZone: 'Europe/London' } })),
  ).toEqual({ kind: 'unchanged' });
  expect(seriesEditOf(fixed, task({ recurrence }))).toMatchObject({
    kind: 'reshape',
    shape: { mode: 'fixed-schedule', startLocal: '2026-11-05T09:00:00' },
  });
});

test.each([
  ['rule', { recurrence: { rrule: 'FREQ=WEEKLY', mode: 'after-completion' as const } }],
  ['mode', { recurrence: { rrule: 'FREQ=DAILY', mode: 'fixed-schedule' as const } }],
  ['zone', { due: { dateTime: '2026-11-05T09:00:00', timeZone: 'Europe/Paris' } }],
  [
    'missed policy',
    { recurrence: { rrule: 'FREQ=DAILY', mode: 'after-completion' as const, missed: 'skip' as const } },
  ],
  [
    'skipped dates',
    { recurrence: { rrule: 'FREQ=DAILY', mode: 'after-completion' as const, exdates: ['2026-11-07'] } },
  ],
])('a new %s reshapes the series from the edited task', (_what, fields) => {
  const edit = seriesEditOf(series, task(fields));
  expect(edit.kind).toBe('reshape');
});

test('the new shape is the task’s: rule, mode, zone, start, missed policy and skipped dates', () => {
  const edited = task({
    due: { date: '2026-11-06', timeZone: 'Europe/Paris' },
    recurrence: { rrule: 'FREQ=WEEKLY', mode: 'fixed-schedule', missed: 'skip', exdates: ['2026-11-13'] },
  });
  expect(seriesEditOf(series, edited)).toEqual({
    kind: 'reshape',
    shape: {
      rrule: 'FREQ=WEEKLY',
      mode: 'fixed-schedule',
      timeZone: 'Europe/Paris',
      startLocal: '2026-11-06T00:00:00',
      lastLocal: '2026-11-06T00:00:00',
      missedPolicy: 'skip',
      exdates: ['2026-11-13'],
    },
  });
});
