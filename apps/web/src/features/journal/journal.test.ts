import { journalRoute, lastDays } from './days';

test('the journal routes: the page, and one entry of it (the link a task carries back)', () => {
  expect(journalRoute('/journal')).toEqual({});
  expect(journalRoute('/journal?entry=3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b')).toEqual({
    entry: '3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b',
  });
  expect(journalRoute('/journal?entry=nope')).toBeUndefined();
  expect(journalRoute('/today')).toBeUndefined();
});

test('the chart’s days run back from today, oldest first, across month ends', () => {
  expect(lastDays('2024-03-01', 3)).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
  expect(lastDays('2024-03-01', 30)).toHaveLength(30);
});
