import { buildRule, defaultChoices, describeRule, parseRule, type RuleChoices } from './rule';

const choices = (patch: Partial<RuleChoices>): RuleChoices => ({
  ...defaultChoices('never', new Date(2026, 10, 22)),
  ...patch,
});

describe('rule: build ↔ parse', () => {
  const cases: [string, Partial<RuleChoices>, string][] = [
    ['every weekday', { freq: 'weekly', byDay: ['MO', 'TU', 'WE', 'TH', 'FR'] }, 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
    [
      'every 2 weeks on Mon and Thu',
      { freq: 'weekly', interval: 2, byDay: ['TH', 'MO'] },
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH',
    ],
    ['the 2nd Tuesday', { freq: 'monthly', monthlyKind: 'nth', nth: 2, nthWeekday: 'TU' }, 'FREQ=MONTHLY;BYDAY=2TU'],
    ['the last Friday', { freq: 'monthly', monthlyKind: 'nth', nth: -1, nthWeekday: 'FR' }, 'FREQ=MONTHLY;BYDAY=-1FR'],
    ['the last day of the month', { freq: 'monthly', monthlyKind: 'last-day' }, 'FREQ=MONTHLY;BYMONTHDAY=-1'],
    [
      'day 15 of every 3 months',
      { freq: 'monthly', interval: 3, monthDay: 15 },
      'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15',
    ],
    ['yearly', { freq: 'yearly' }, 'FREQ=YEARLY'],
    ['daily, 10 times', { freq: 'daily', endKind: 'count', count: 10 }, 'FREQ=DAILY;COUNT=10'],
    [
      'daily until a date',
      { freq: 'daily', endKind: 'until', until: '2025-12-31' },
      'FREQ=DAILY;UNTIL=20251231T235959Z',
    ],
  ];

  test.each(cases)('%s', (_name, patch, rrule) => {
    const c = choices(patch);
    expect(buildRule(c)).toBe(rrule);
    const parsed = parseRule(rrule)!;
    expect(parsed).not.toBeNull();
    expect(buildRule(parsed)).toBe(rrule);
    if (c.freq === 'weekly') expect([...parsed.byDay].sort()).toEqual([...c.byDay].sort());
    expect(parsed.interval).toBe(c.interval);
    expect(parsed.endKind).toBe(c.endKind);
  });

  test('never is the empty rule', () => {
    expect(buildRule(choices({ freq: 'never' }))).toBe('');
    expect(parseRule('')!.freq).toBe('never');
  });

  test('accepts an RRULE: prefix, INTERVAL=1 and any weekday order', () => {
    expect(parseRule('RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=TH,MO')).toMatchObject({ interval: 1, byDay: ['TH', 'MO'] });
  });

  test.each([
    'FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=-1',
    'FREQ=WEEKLY;WKST=SU',
    'FREQ=HOURLY',
    'FREQ=MONTHLY',
    'FREQ=DAILY;UNTIL=20251231T120000Z',
    'FREQ=YEARLY;BYMONTH=3',
    'nonsense',
  ])('falls back to text for %s', (rrule) => {
    expect(parseRule(rrule)).toBeNull();
  });

  test('describes the rule', () => {
    expect(describeRule(parseRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=5')!)).toBe(
      'Every 2 weeks on Monday and Thursday, 5 times',
    );
  });
});
