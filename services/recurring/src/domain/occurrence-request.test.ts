import { instant } from './next-occurrence';
import { occurrenceRequest } from './occurrence-request';

// Pure: fixed local times, nothing depends on today.
const series = {
  id: '9a3e2f1c-0b4d-4c5e-8f7a-6b5c4d3e2f10',
  userId: '0b6c1c84-6d2f-4d8e-9d6e-2a4f6b1f9a10',
  templateTaskId: '5f0e8a4e-3c2b-4a8f-9e61-7c1d2b3a4f50',
  timeZone: 'Europe/London',
};
const occurrence = (local: string) => ({ local, at: instant(local, series.timeZone), index: 3 });
const completedTask = '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901';

test('after completion: keyed by the completed task, so each task has one successor', () => {
  expect(
    occurrenceRequest(series, occurrence('2026-11-10T09:00:00'), { sourceTaskId: completedTask, dateOnly: false }),
  ).toEqual({
    occurrenceKey: `${series.id}:after:${completedTask}`,
    seriesId: series.id,
    sourceTaskId: completedTask,
    dueLocal: '2026-11-10T09:00:00',
    event: {
      seriesId: series.id,
      userId: series.userId,
      templateTaskId: series.templateTaskId,
      occurrenceKey: `${series.id}:after:${completedTask}`,
      due: { dateTime: '2026-11-10T09:00:00', timeZone: 'Europe/London' },
      dueAt: '2026-11-10T09:00:00.000Z',
      timeZone: 'Europe/London',
    },
  });
});

test('fixed schedule: keyed by the date, so a date is asked for once; dates stay dates', () => {
  const request = occurrenceRequest(series, occurrence('2026-07-01T00:00:00'), { sourceTaskId: null, dateOnly: true });
  expect(request).toMatchObject({
    occurrenceKey: `${series.id}:2026-07-01T00:00:00`,
    sourceTaskId: null,
    event: { due: { date: '2026-07-01', timeZone: 'Europe/London' }, dueAt: '2026-06-30T23:00:00.000Z' },
  });
});
