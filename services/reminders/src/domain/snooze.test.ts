import { MAX_SNOOZE_MS, snoozeStateProblem, snoozeTimeProblem, snoozeUntil } from './snooze';

const now = new Date('2026-11-22T12:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);

test('a snooze for minutes counts from now; one until an instant keeps it', () => {
  expect(snoozeUntil({ minutes: 5 }, now)).toEqual(later(5 * 60_000));
  expect(snoozeUntil({ until: later(3_600_000) }, now)).toEqual(later(3_600_000));
});

test('a snooze must end in the future, at most 30 days ahead', () => {
  expect(snoozeTimeProblem(later(1), now)).toBeUndefined();
  expect(snoozeTimeProblem(later(MAX_SNOOZE_MS), now)).toBeUndefined();
  expect(snoozeTimeProblem(now, now)).toBe('must be in the future');
  expect(snoozeTimeProblem(later(-60_000), now)).toBe('must be in the future');
  expect(snoozeTimeProblem(later(MAX_SNOOZE_MS + 1), now)).toBe('at most 30 days ahead');
});

test('the longest snooze in minutes is allowed', () => {
  expect(snoozeTimeProblem(snoozeUntil({ minutes: 43_200 }, now), now)).toBeUndefined();
});

test('a waiting or fired reminder can be snoozed; a cancelled one cannot', () => {
  expect(snoozeStateProblem('scheduled')).toBeUndefined();
  expect(snoozeStateProblem('fired')).toBeUndefined();
  expect(snoozeStateProblem('cancelled')).toMatch(/cancelled/);
});
