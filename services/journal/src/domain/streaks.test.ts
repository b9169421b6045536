import { DateTime } from 'luxon';
import { localDay, streaks } from './streaks';

const day = (offset: number) => DateTime.utc().plus({ days: offset }).toISODate()!;

test('the current streak runs back from today, or from yesterday while today is open', () => {
  const today = day(0);
  expect(streaks([day(0), day(-1), day(-2), day(-5)], today)).toEqual({ current: 3, longest: 3 });
  expect(streaks([day(-1), day(-2)], today)).toEqual({ current: 2, longest: 2 });
  expect(streaks([day(-2), day(-3)], today)).toEqual({ current: 0, longest: 2 });
  expect(streaks([], today)).toEqual({ current: 0, longest: 0 });
});

test('the longest streak is the longest run of consecutive days, repeats counted once', () => {
  const today = day(0);
  expect(streaks([day(-10), day(-9), day(-9), day(-8), day(-7), day(-1)], today)).toEqual({ current: 1, longest: 4 });
});

test('runs cross month ends and leap days as calendar days', () => {
  expect(streaks(['2024-02-28', '2024-02-29', '2024-03-01'], '2024-03-01')).toEqual({ current: 3, longest: 3 });
});

test('the local day of an instant depends on the zone', () => {
  const at = new Date(Date.UTC(2024, 0, 1, 23, 30));
  expect(localDay(at, 'UTC')).toBe('2024-01-01');
  expect(localDay(at, 'Asia/Tokyo')).toBe('2024-01-02');
  expect(localDay(at, 'America/New_York')).toBe('2024-01-01');
});
