import { countReached, dueOf, isDateOnly, ruleOfSeries } from './series-rule';

test('COUNT is used up once as many occurrences exist; a rule without COUNT never is', () => {
  expect(countReached('FREQ=DAILY;COUNT=3', 2)).toBe(false);
  expect(countReached('FREQ=DAILY;COUNT=3', 3)).toBe(true);
  expect(countReached('COUNT=1;FREQ=DAILY', 1)).toBe(true);
  expect(countReached('FREQ=DAILY', 1_000)).toBe(false);
});

test('a stored series recurs by its own rule; midnight starts are series of dates', () => {
  const series = {
    rrule: 'FREQ=DAILY',
    timeZone: 'UTC',
    startLocal: '2026-11-01T00:00:00',
    exdates: ['2026-11-02'],
  };
  expect(ruleOfSeries(series)).toEqual({
    rrule: 'FREQ=DAILY',
    timeZone: 'UTC',
    start: '2026-11-01T00:00:00',
    exdates: ['2026-11-02'],
  });
  expect(isDateOnly(series)).toBe(true);
  expect(isDateOnly({ startLocal: '2026-11-01T09:00:00' })).toBe(false);
});

test('an occurrence is due in the form of the series’ first task', () => {
  expect(dueOf('2026-11-03T00:00:00', { timeZone: 'UTC', dateOnly: true })).toEqual({ date: '2026-11-03' });
  expect(dueOf('2026-11-03T00:00:00', { timeZone: 'Asia/Tokyo', dateOnly: true })).toEqual({
    date: '2026-11-03',
    timeZone: 'Asia/Tokyo',
  });
  expect(dueOf('2026-11-03T08:15:00', { timeZone: 'Asia/Tokyo', dateOnly: false })).toEqual({
    dateTime: '2026-11-03T08:15:00',
    timeZone: 'Asia/Tokyo',
  });
});
