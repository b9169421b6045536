import { DateTime } from 'luxon';
import { nextReviewAt, themesOfWeek, weekOf } from './review-week';

test('the review is due next Sunday at the local time, after now', () => {
  const now = DateTime.now().setZone('Europe/Paris');
  const due = DateTime.fromJSDate(nextReviewAt(now.toJSDate(), '18:30', 'Europe/Paris'), { zone: 'Europe/Paris' });
  expect(due.weekday).toBe(7);
  expect(due.toFormat('HH:mm')).toBe('18:30');
  expect(due > now).toBe(true);
  expect(due.diff(now, 'days').days).toBeLessThanOrEqual(7);
});

test('a Sunday before the time is due the same day', () => {
  const sundayMorning = DateTime.now().setZone('UTC').set({ weekday: 7, hour: 8, minute: 0 });
  const due = nextReviewAt(sundayMorning.toJSDate(), '20:00', 'UTC');
  expect(DateTime.fromJSDate(due, { zone: 'UTC' }).toISODate()).toBe(sundayMorning.toISODate());
});

test('the week runs Monday to Sunday and themes count once per entry', () => {
  const { from, to } = weekOf(new Date(), 'UTC');
  expect(DateTime.fromISO(from).weekday).toBe(1);
  expect(DateTime.fromISO(to).weekday).toBe(7);
  expect(themesOfWeek([['work', 'work', 'sleep'], ['work'], ['walk', 'sleep']])).toEqual(['sleep', 'work', 'walk']);
});
