import { createTaskInput, updateTaskInput } from './task-input';
import { computeDueAt, dayWindow } from './due';
import { parseRecurrenceRule } from '@daybook/contracts';

const problems = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('task input', () => {
  test('a full task is accepted and normalised', () => {
    const parsed = createTaskInput.parse({
      title: '  Water the plants ',
      priority: 'high',
      due: { dateTime: '2026-11-23T09:00', timeZone: 'Europe/London' },
      reminders: [
        { type: 'relative', minutesBefore: 15 },
        { type: 'absolute', at: '2026-11-23T08:00:00Z' },
      ],
      recurrence: { rrule: 'rrule:freq=weekly;byday=mo', mode: 'after-completion' },
    });
    expect(parsed.title).toBe('Water the plants');
    expect(parsed.recurrence?.rrule).toBe('FREQ=WEEKLY;BYDAY=MO');
  });

  test.each([
    [{ title: '' }, 'title: must not be empty'],
    [{ title: 'x'.repeat(501) }, 'title: must be at most 500 characters'],
    [{ title: 'x', colour: 'red' }, ''],
    [{ title: 'x', priority: 'extreme' }, 'priority'],
    [{ title: 'x', due: { dateTime: '2026-11-23T09:00', timeZone: 'Mars/Olympus' } }, 'IANA time zone'],
    [{ title: 'x', due: { date: '2026-02-30' } }, 'due'],
    [
      { title: 'x', due: { dateTime: '2026-03-29T01:30', timeZone: 'Europe/London' } },
      'does not exist in that time zone',
    ],
    [{ title: 'x', reminders: [{ type: 'relative', minutesBefore: 10 }] }, 'needs a due date'],
    [
      { title: 'x', due: { date: '2026-11-23' }, reminders: [{ type: 'relative', minutesBefore: 600_000 }] },
      'at most one year',
    ],
    [
      { title: 'x', due: { date: '2026-11-23' }, recurrence: { rrule: 'FREQ=SOMETIMES', mode: 'after-completion' } },
      'not a valid RRULE',
    ],
    [{ title: 'x', recurrence: { rrule: 'FREQ=DAILY', mode: 'after-completion' } }, 'needs a due date'],
    [
      {
        title: 'x',
        due: { date: '2025-11-24' },
        reminders: [{ type: 'absolute', at: '2026-02-01T09:00:00Z' }],
        recurrence: { rrule: 'FREQ=WEEKLY;UNTIL=20251231T235959Z', mode: 'after-completion' },
      },
      'reminders.0.at: is after the series ends',
    ],
    [{ title: 'x', due: { date: '2026-11-23' }, tagIds: ['a'] }, 'tagIds.0'],
  ])('%j is rejected naming the problem', (input, expected) => {
    const result = createTaskInput.safeParse(input);
    expect(result.success).toBe(false);
    expect(problems(result).join('\n')).toContain(expected);
  });

  test('an update must change something', () => {
    expect(updateTaskInput.safeParse({}).success).toBe(false);
    expect(updateTaskInput.safeParse({ due: null }).success).toBe(true);
  });
});

describe('recurrence rules', () => {
  test.each([
    'FREQ=DAILY',
    'FREQ=WEEKLY;BYDAY=MO,WE,FR',
    'FREQ=MONTHLY;BYDAY=2TU',
    'FREQ=MONTHLY;BYMONTHDAY=-1',
    'FREQ=YEARLY;COUNT=3',
  ])('%s is valid', (rule) => expect(parseRecurrenceRule(rule)).toEqual({ rule }));
  test.each([
    ['DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY', 'DTSTART'],
    ['BYDAY=MO', 'FREQ'],
    ['FREQ=DAILY;COUNT=0', 'COUNT'],
    ['FREQ=DAILY;BYDAY=XX', 'not a valid RRULE'],
  ])('%s is refused', (rule, reason) => {
    const result = parseRecurrenceRule(rule);
    expect('error' in result && result.error).toContain(reason);
  });
});

describe('due instants', () => {
  test('a wall-clock time is read in its own zone, across DST', () => {
    expect(computeDueAt({ dateTime: '2026-07-01T09:00', timeZone: 'Europe/London' }, 'UTC').toISOString()).toBe(
      '2026-07-01T08:00:00.000Z',
    );
    // allow-fixed-date
    expect(computeDueAt({ dateTime: '2026-12-01T09:00', timeZone: 'Europe/London' }, 'UTC').toISOString()).toBe(
      '2026-12-01T09:00:00.000Z', // allow-fixed-date
    );
  });
  test('a date alone is due at the end of that day in the user zone', () => {
    expect(computeDueAt({ date: '2026-11-23' }, 'America/New_York').toISOString()).toBe('2026-11-24T04:59:59.999Z');
  });
  test('today and the next days in a zone', () => {
    const w = dayWindow('Asia/Tokyo', 7, new Date('2026-11-22T20:00:00Z'));
    expect(w.startOfToday.toISOString()).toBe('2026-11-22T15:00:00.000Z');
    expect(w.endOfWindow.toISOString()).toBe('2026-11-30T14:59:59.999Z'); // allow-fixed-date
  });
});
