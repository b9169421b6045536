import { fixedSchedulePlan } from './series-plan';

const rule = { rrule: 'FREQ=DAILY', timeZone: 'UTC', start: '2026-11-01T09:00' };
const now = new Date('2026-11-05T12:00:00Z'); // the service was down since 1 Nov 09:00

test('missed occurrences are created under "create", then the next future one', () => {
  const plan = fixedSchedulePlan(rule, '2026-11-01T09:00:00', 'create', now);
  expect(plan.request.map((o) => o.local)).toEqual([
    '2026-11-02T09:00:00',
    '2026-11-03T09:00:00',
    '2026-11-04T09:00:00',
    '2026-11-05T09:00:00',
    '2026-11-06T09:00:00',
  ]);
  expect(plan.next?.local).toBe('2026-11-06T09:00:00');
});

test('after a long outage every missed occurrence is still created, then the next one', () => {
  const weeksLater = new Date('2026-11-21T12:00:00Z');
  const plan = fixedSchedulePlan(rule, '2026-11-01T09:00:00', 'create', weeksLater);
  expect(plan.request).toHaveLength(21); // 2 … 21 November missed (21st at 09:00), then the 22nd
  expect(plan.request[0]?.local).toBe('2026-11-02T09:00:00');
  expect(plan.next?.local).toBe('2026-11-22T09:00:00');
});

test('under "skip" only the next future occurrence is created', () => {
  expect(fixedSchedulePlan(rule, '2026-11-01T09:00:00', 'skip', now).request.map((o) => o.local)).toEqual([
    '2026-11-06T09:00:00',
  ]);
});

test('an ended series plans nothing', () => {
  const ended = { ...rule, rrule: 'FREQ=DAILY;COUNT=2' };
  expect(fixedSchedulePlan(ended, '2026-11-02T09:00:00', 'create', now)).toEqual({ request: [], next: undefined });
});

describe('a series of dates: a day is due when it ends, in the series’ zone', () => {
  const dates = { rrule: 'FREQ=DAILY', timeZone: 'Europe/Paris', start: '2026-11-01T00:00:00' };

  test('while its latest day lasts, the next day is asked for once, not the day after too', () => {
    // The job of 3 November fires when that day ends in Paris (23:00 UTC).
    const endOfThird = new Date('2026-11-03T23:00:00Z');
    expect(
      fixedSchedulePlan(dates, '2026-11-03T00:00:00', 'create', endOfThird, true).request.map((o) => o.local),
    ).toEqual(['2026-11-04T00:00:00']);
  });

  test('days that ended while the service was down are missed; the day under way is the next one', () => {
    const duringSixth = new Date('2026-11-06T10:00:00Z');
    const plan = fixedSchedulePlan(dates, '2026-11-03T00:00:00', 'create', duringSixth, true);
    expect(plan.request.map((o) => o.local)).toEqual([
      '2026-11-04T00:00:00',
      '2026-11-05T00:00:00',
      '2026-11-06T00:00:00',
    ]);
    expect(plan.next?.local).toBe('2026-11-06T00:00:00');
  });
});
