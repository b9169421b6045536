import { parseQuickAdd, type ParseOptions } from './quick-add-parse';

// A fixed reference instant: Wednesday 5 March 2025, 10:30 in London. Every expectation is
// computed from it, never from the real today.
const now = new Date('2025-03-05T10:30:00Z');
const lists = [
  { id: 'bills', name: 'Bills' },
  { id: 'side', name: 'Side project' },
];
const base: ParseOptions = { now, timeZone: 'Europe/London', locale: 'en-US', lists };
const at = (dateTime: string, timeZone = 'Europe/London') => ({ dateTime, timeZone });

describe('parseQuickAdd', () => {
  test.each([
    // phrase, title, due, rrule
    ['Pay rent every month on the 1st at 9am', 'Pay rent', at('2025-04-01T09:00:00'), 'FREQ=MONTHLY;BYMONTHDAY=1'],
    ['Standup every weekday at 9:30', 'Standup', at('2025-03-06T09:30:00'), 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
    ['Standup every weekday at 11am', 'Standup', at('2025-03-05T11:00:00'), 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
    ['Bins every other Tuesday', 'Bins', { date: '2025-03-11' }, 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU'],
    ['Review budget every 3 months', 'Review budget', { date: '2025-03-05' }, 'FREQ=MONTHLY;INTERVAL=3'],
    ['Invoice last day of the month', 'Invoice', { date: '2025-03-31' }, 'FREQ=MONTHLY;BYMONTHDAY=-1'],
    ['Invoice every month on the last day', 'Invoice', { date: '2025-03-31' }, 'FREQ=MONTHLY;BYMONTHDAY=-1'],
    ['Flag every year on 4 July', 'Flag', { date: '2025-07-04' }, 'FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=4'],
    ['Flag every July 4th', 'Flag', { date: '2025-07-04' }, 'FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=4'],
    ['Birthday every year on 1 March', 'Birthday', { date: '2026-03-01' }, 'FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1'],
    ['Water plants every day', 'Water plants', { date: '2025-03-05' }, 'FREQ=DAILY'],
    ['Water plants daily', 'Water plants', { date: '2025-03-05' }, 'FREQ=DAILY'],
    ['Gym every Monday and Thursday at 7pm', 'Gym', at('2025-03-06T19:00:00'), 'FREQ=WEEKLY;BYDAY=MO,TH'],
    ['Gym every mon, wed & fri', 'Gym', { date: '2025-03-05' }, 'FREQ=WEEKLY;BYDAY=MO,WE,FR'],
    ['Book club every first Monday of the month', 'Book club', { date: '2025-04-07' }, 'FREQ=MONTHLY;BYDAY=1MO'],
    ['Clean every weekend', 'Clean', { date: '2025-03-08' }, 'FREQ=WEEKLY;BYDAY=SA,SU'],
    ['Sync every other week', 'Sync', { date: '2025-03-05' }, 'FREQ=WEEKLY;INTERVAL=2'],
    // One-off dates and times (chrono): ambiguous ones pinned to what the preview shows.
    ['Call Sam next Friday', 'Call Sam', { date: '2025-03-14' }, null], // the Friday of next week, not in 2 days
    ['Call Sam on Friday', 'Call Sam', { date: '2025-03-07' }, null],
    ['Dentist in 2 weeks', 'Dentist', { date: '2025-03-19' }, null],
    ['Party tomorrow evening', 'Party', at('2025-03-06T20:00:00'), null],
    ['Call at 9am', 'Call', at('2025-03-06T09:00:00'), null], // 9am has passed today: tomorrow
    ['Call at 3pm', 'Call', at('2025-03-05T15:00:00'), null],
    ['Taxes on 15 April', 'Taxes', { date: '2025-04-15' }, null],
    ['Read 1984', 'Read 1984', null, null],
    ['Just a title', 'Just a title', null, null],
  ])('%s', (phrase, title, due, rrule) => {
    const r = parseQuickAdd(phrase, base);
    expect({ title: r.title, due: r.due, rrule: r.rrule }).toEqual({ title, due, rrule });
  });

  test('numeric dates follow the locale: 3/4 is 4 March in en-US (next year, as it has passed), 3 April in en-GB', () => {
    expect(parseQuickAdd('Pay 3/4', base).due).toEqual({ date: '2026-03-04' });
    expect(parseQuickAdd('Pay 3/4', { ...base, locale: 'en-GB' }).due).toEqual({ date: '2025-04-03' });
    expect(parseQuickAdd('Pay 12/6', base).due).toEqual({ date: '2025-12-06' });
    expect(parseQuickAdd('Pay 12/6', { ...base, locale: 'en-GB' }).due).toEqual({ date: '2025-06-12' });
  });

  test('the full phrase: title, monthly rule, 09:00 in the zone, tag, priority and list', () => {
    const r = parseQuickAdd('Pay rent every month on the 1st at 9am #home !high @Bills', base);
    expect(r).toMatchObject({
      title: 'Pay rent',
      due: at('2025-04-01T09:00:00'),
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=1',
      tagNames: ['home'],
      priority: 'high',
      listId: 'bills',
      notes: [],
    });
    expect(r.parts.map((p) => [p.kind, p.text])).toEqual([
      ['recurrence', 'every month on the 1st'],
      ['date', 'at 9am'],
      ['tag', '#home'],
      ['priority', '!high'],
      ['list', '@Bills'],
    ]);
  });

  test('times are wall-clock in the user zone, and "today" is that zone’s', () => {
    // 10:30 UTC is 05:30 in New York: 9am is still to come today there.
    expect(parseQuickAdd('Call at 9am', { ...base, timeZone: 'America/New_York' }).due).toEqual(
      at('2025-03-05T09:00:00', 'America/New_York'),
    );
    // 10:30 UTC is already Thursday 00:30 in Kiritimati (UTC+14).
    expect(parseQuickAdd('Call tomorrow', { ...base, timeZone: 'Pacific/Kiritimati' }).due).toEqual({
      date: '2025-03-07',
    });
  });

  test('tags, priorities and lists', () => {
    const r = parseQuickAdd('Plan #work #Work #q2 !1 @Side project', base);
    expect(r).toMatchObject({ title: 'Plan', tagNames: ['work', 'q2'], priority: 'urgent', listId: 'side' });
    const unknown = parseQuickAdd('Buy milk @Groceries', base);
    expect(unknown).toMatchObject({ title: 'Buy milk @Groceries', listId: null });
    expect(unknown.notes).toEqual(['No list called “Groceries”: it stays in the title.']);
    // An e-mail address or a hashtag inside a word is not a marker.
    expect(parseQuickAdd('Mail a@b.com about C#', base)).toMatchObject({
      title: 'Mail a@b.com about C#',
      tagNames: [],
    });
  });

  test('a part taken literally stays in the title, and the rest still parse', () => {
    const first = parseQuickAdd('Call May tomorrow at 5pm #family', base);
    const date = first.parts.find((p) => p.kind === 'date')!;
    expect(date.text).toBe('tomorrow at 5pm');
    const r = parseQuickAdd('Call May tomorrow at 5pm #family', { ...base, literal: new Set([date.key]) });
    expect(r).toMatchObject({ title: 'Call May tomorrow at 5pm', due: null, tagNames: ['family'] });
    // The key does not change as the person types after the part.
    const longer = parseQuickAdd('Call May tomorrow at 5pm #family and Jo', { ...base, literal: new Set([date.key]) });
    expect(longer.title).toBe('Call May tomorrow at 5pm and Jo');
  });
});
