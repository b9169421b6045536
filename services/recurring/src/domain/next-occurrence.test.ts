import { firstOccurrences, nextAfterCompletion, type SeriesRule } from './next-occurrence';

const series = (rrule: string, start: string, timeZone = 'Europe/London', exdates?: string[]): SeriesRule => ({
  rrule,
  start,
  timeZone,
  ...(exdates ? { exdates } : {}),
});
const locals = (rule: SeriesRule, n = 5) => firstOccurrences(rule, n).map((o) => o.local);

describe('rules × time zones × month ends × leap years', () => {
  test.each([
    [
      'every day',
      'FREQ=DAILY',
      '2026-11-22T09:00',
      ['2026-11-22T09:00:00', '2026-11-23T09:00:00', '2026-11-24T09:00:00'],
    ],
    [
      'every 3 days',
      'FREQ=DAILY;INTERVAL=3',
      '2026-11-22T09:00',
      ['2026-11-22T09:00:00', '2026-11-25T09:00:00', '2026-11-28T09:00:00'],
    ],
    [
      'every weekday',
      'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
      '2026-11-20T08:30',
      ['2026-11-20T08:30:00', '2026-11-23T08:30:00', '2026-11-24T08:30:00'],
    ],
    [
      'Mon, Wed, Fri',
      'FREQ=WEEKLY;BYDAY=MO,WE,FR',
      '2026-11-23T07:00',
      ['2026-11-23T07:00:00', '2026-11-25T07:00:00', '2026-11-27T07:00:00'],
    ],
    [
      'every 2 weeks on Mon and Thu',
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH',
      '2025-11-24T18:00',
      ['2025-11-24T18:00:00', '2025-11-27T18:00:00', '2025-12-08T18:00:00'],
    ],
    [
      '2nd Tuesday',
      'FREQ=MONTHLY;BYDAY=2TU',
      '2025-11-11T10:00',
      ['2025-11-11T10:00:00', '2025-12-09T10:00:00', '2026-01-13T10:00:00'],
    ],
    [
      'last Friday',
      'FREQ=MONTHLY;BYDAY=-1FR',
      '2025-11-28T16:00',
      ['2025-11-28T16:00:00', '2025-12-26T16:00:00', '2026-01-30T16:00:00'],
    ],
    [
      'last day of the month',
      'FREQ=MONTHLY;BYMONTHDAY=-1',
      '2023-01-31T12:00',
      ['2023-01-31T12:00:00', '2023-02-28T12:00:00', '2023-03-31T12:00:00', '2023-04-30T12:00:00'],
    ],
    [
      'last day of February in a leap year',
      'FREQ=MONTHLY;BYMONTHDAY=-1',
      '2024-01-31T12:00',
      ['2024-01-31T12:00:00', '2024-02-29T12:00:00', '2024-03-31T12:00:00'],
    ],
    [
      'the 31st skips short months',
      'FREQ=MONTHLY;BYMONTHDAY=31',
      '2023-01-31T09:00',
      ['2023-01-31T09:00:00', '2023-03-31T09:00:00', '2023-05-31T09:00:00'],
    ],
    [
      '29 February only in leap years',
      'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
      '2016-02-29T09:00',
      ['2016-02-29T09:00:00', '2020-02-29T09:00:00'],
    ],
    [
      'yearly',
      'FREQ=YEARLY',
      '2022-12-25T08:00',
      ['2022-12-25T08:00:00', '2023-12-25T08:00:00', '2024-12-25T08:00:00'],
    ],
    ['COUNT ends the series', 'FREQ=DAILY;COUNT=2', '2026-11-22T09:00', ['2026-11-22T09:00:00', '2026-11-23T09:00:00']],
    [
      'UNTIL ends the series',
      'FREQ=WEEKLY;UNTIL=20261207T000000Z', // allow-fixed-date
      '2026-11-23T09:00',
      ['2026-11-23T09:00:00', '2026-11-30T09:00:00'], // allow-fixed-date
    ],
  ])('%s', (_name, rrule, start, expected) => {
    expect(locals(series(rrule, start), expected.length + 1).slice(0, expected.length)).toEqual(expected);
    if (rrule.includes('COUNT') || rrule.includes('UNTIL')) expect(locals(series(rrule, start), 10)).toEqual(expected);
  });

  test('EXDATE skips an occurrence', () => {
    expect(locals(series('FREQ=DAILY', '2026-11-22T09:00', 'Europe/London', ['2026-11-23']), 3)).toEqual([
      '2026-11-22T09:00:00',
      '2026-11-24T09:00:00',
      '2026-11-25T09:00:00',
    ]);
  });
});

describe('DST: the wall-clock time stays, the instant moves', () => {
  test.each([
    // Europe/London springs forward on 2025-03-30 and falls back on 2025-10-26.
    ['Europe/London', '2025-03-29T09:00', ['2025-03-29T09:00:00.000Z', '2025-03-30T08:00:00.000Z']],
    ['Europe/London', '2025-10-25T09:00', ['2025-10-25T08:00:00.000Z', '2025-10-26T09:00:00.000Z']],
    // America/New_York: 2025-03-09 and 2025-11-02.
    ['America/New_York', '2025-03-08T09:00', ['2025-03-08T14:00:00.000Z', '2025-03-09T13:00:00.000Z']],
    ['America/New_York', '2025-11-01T09:00', ['2025-11-01T13:00:00.000Z', '2025-11-02T14:00:00.000Z']],
    // Southern hemisphere: Australia/Sydney springs forward on 2025-10-05.
    ['Australia/Sydney', '2025-10-04T09:00', ['2025-10-03T23:00:00.000Z', '2025-10-04T22:00:00.000Z']],
  ])('%s from %s', (zone, start, instants) => {
    const occ = firstOccurrences(series('FREQ=DAILY', start, zone), 2);
    expect(occ.map((o) => o.local.slice(11))).toEqual(['09:00:00', '09:00:00']);
    expect(occ.map((o) => o.at.toISOString())).toEqual(instants);
  });

  test('a time inside the spring-forward gap moves forward, as clocks do', () => {
    const [, gap] = firstOccurrences(series('FREQ=DAILY', '2025-03-29T01:30', 'Europe/London'), 2);
    expect(gap!.at.toISOString()).toBe('2025-03-30T01:30:00.000Z'); // 02:30 BST
  });
});

describe('after completion', () => {
  test('the rule restarts from the completion day, at the series time of day', () => {
    const rule = series('FREQ=DAILY;INTERVAL=3', '2026-11-01T09:00');
    // Completed on Wednesday 25 Nov at 20:00 London → next is Saturday 28 Nov 09:00.
    const next = nextAfterCompletion(rule, new Date('2026-11-25T20:00:00Z'));
    expect(next?.local).toBe('2026-11-28T09:00:00');
  });

  test('completed before the time of day: the next one is still a full interval away', () => {
    const next = nextAfterCompletion(series('FREQ=WEEKLY', '2026-11-02T18:00'), new Date('2026-11-25T07:00:00Z'));
    expect(next?.local).toBe('2026-12-02T18:00:00'); // allow-fixed-date
  });

  test('weekday rules pick the next matching day after completion', () => {
    const next = nextAfterCompletion(
      series('FREQ=WEEKLY;BYDAY=MO', '2026-11-02T09:00'),
      new Date('2026-11-25T12:00:00Z'),
    );
    expect(next?.local).toBe('2026-11-30T09:00:00'); // allow-fixed-date
  });

  test('an ended series (UNTIL passed) has no next occurrence', () => {
    const next = nextAfterCompletion(
      series('FREQ=DAILY;UNTIL=20261130T000000Z', '2026-11-01T09:00'), // allow-fixed-date
      new Date('2026-12-05T12:00:00Z'), // allow-fixed-date
    );
    expect(next).toBeUndefined();
  });

  test('completion in another zone’s calendar day uses the series zone', () => {
    // 23:30 UTC on 25 Nov is already 26 Nov in Tokyo.
    const next = nextAfterCompletion(
      series('FREQ=DAILY', '2026-11-01T09:00', 'Asia/Tokyo'),
      new Date('2026-11-25T23:30:00Z'),
    );
    expect(next?.local).toBe('2026-11-27T09:00:00');
  });
});

// Past dates only (the rule daybook/no-fixed-future-date): pure computations, no clock.
describe('after completion: the completion day plus the interval, at the series time of day', () => {
  test.each([
    // [rule, series start (local), completed at (instant), zone, next due (local)]
    [
      'quarterly, completed on 29 Nov: 29 Feb in a leap year',
      'FREQ=MONTHLY;INTERVAL=3',
      '2023-08-29T09:00',
      '2023-11-29T12:00:00Z',
      'Europe/London',
      '2024-02-29T09:00:00',
    ],
    [
      'quarterly, completed on 29 Nov: clamps to 28 Feb, no skip',
      'FREQ=MONTHLY;INTERVAL=3',
      '2024-08-29T09:00',
      '2024-11-29T12:00:00Z',
      'Europe/London',
      '2025-02-28T09:00:00',
    ],
    [
      'quarterly, completed on 31 Jan: clamps to 30 Apr',
      'FREQ=MONTHLY;INTERVAL=3',
      '2024-10-31T09:00',
      '2025-01-31T12:00:00Z',
      'Europe/London',
      '2025-04-30T09:00:00',
    ],
    [
      'monthly, completed on 31 Jan: clamps to 29 Feb in a leap year',
      'FREQ=MONTHLY',
      '2023-12-31T09:00',
      '2024-01-31T12:00:00Z',
      'Europe/London',
      '2024-02-29T09:00:00',
    ],
    [
      'yearly, completed on 29 Feb: 28 Feb next year',
      'FREQ=YEARLY',
      '2023-02-28T09:00',
      '2024-02-29T12:00:00Z',
      'Europe/London',
      '2025-02-28T09:00:00',
    ],
    [
      'weekly, completed early on a Wednesday: the Wednesday after',
      'FREQ=WEEKLY',
      '2025-06-02T09:00',
      '2025-06-04T12:00:00Z',
      'Europe/London',
      '2025-06-11T09:00:00',
    ],
    [
      'every 2 weeks, completed late on a Sunday',
      'FREQ=WEEKLY;INTERVAL=2',
      '2025-06-02T09:00',
      '2025-06-15T20:00:00Z',
      'Europe/London',
      '2025-06-29T09:00:00',
    ],
    [
      'daily, completed before the time of day: tomorrow, not today',
      'FREQ=DAILY',
      '2025-06-01T18:00',
      '2025-06-04T07:00:00Z',
      'Europe/London',
      '2025-06-05T18:00:00',
    ],
    [
      'every 3 days, completed just after local midnight (still UTC yesterday)',
      'FREQ=DAILY;INTERVAL=3',
      '2025-06-01T09:00',
      '2025-06-03T23:30:00Z',
      'Europe/London',
      '2025-06-07T09:00:00',
    ],
    [
      'daily across the spring DST change: same wall-clock time',
      'FREQ=DAILY',
      '2025-03-01T09:00',
      '2025-03-29T10:00:00Z',
      'Europe/London',
      '2025-03-30T09:00:00',
    ],
    [
      'weekly across the autumn DST change in New York',
      'FREQ=WEEKLY',
      '2024-10-01T08:30',
      '2024-10-31T13:00:00Z',
      'America/New_York',
      '2024-11-07T08:30:00',
    ],
    [
      'a time in the spring-forward gap moves forward',
      'FREQ=DAILY',
      '2025-03-01T02:30',
      '2025-03-29T12:00:00Z',
      'Europe/London',
      '2025-03-30T02:30:00',
    ],
  ])('%s', (_name, rrule, start, completedAt, zone, expected) => {
    const next = nextAfterCompletion(series(rrule, start, zone), new Date(completedAt));
    expect(next?.local).toBe(expected);
  });

  test('the instant of a wall-clock time in the gap is the one after the change', () => {
    const next = nextAfterCompletion(series('FREQ=DAILY', '2025-03-01T01:30'), new Date('2025-03-29T12:00:00Z'));
    expect(next?.at.toISOString()).toBe('2025-03-30T01:30:00.000Z'); // 01:30 does not exist: 02:30 BST
  });

  test('an EXDATE on the day found moves on by another interval', () => {
    const next = nextAfterCompletion(
      series('FREQ=WEEKLY', '2025-06-02T09:00', 'Europe/London', ['2025-06-11']),
      new Date('2025-06-04T12:00:00Z'),
    );
    expect(next?.local).toBe('2025-06-18T09:00:00');
  });

  test('UNTIL before the day found ends the series', () => {
    const rule = series('FREQ=MONTHLY;INTERVAL=3;UNTIL=20250201T000000Z', '2024-08-29T09:00');
    expect(nextAfterCompletion(rule, new Date('2024-11-29T12:00:00Z'))).toBeUndefined();
  });

  test('a rule naming days gives its first day after the completion day, even before the time of day', () => {
    const rule = series('FREQ=WEEKLY;BYDAY=WE', '2025-06-04T18:00');
    // Completed on Wednesday morning, before 18:00: next Wednesday, not the same evening.
    expect(nextAfterCompletion(rule, new Date('2025-06-04T07:00:00Z'))?.local).toBe('2025-06-11T18:00:00');
    const monthEnd = series('FREQ=MONTHLY;BYMONTHDAY=-1', '2025-01-31T09:00');
    expect(nextAfterCompletion(monthEnd, new Date('2025-02-10T12:00:00Z'))?.local).toBe('2025-02-28T09:00:00');
  });
});
