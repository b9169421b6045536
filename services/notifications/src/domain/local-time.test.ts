import { DateTime } from 'luxon';
import { nextLocalTime, quietUntil } from './local-time';

const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toJSDate();
const night = { start: '22:00', end: '07:00' };

test('a window over midnight holds from its start until its end the next morning, in the user’s zone', () => {
  const zone = 'America/New_York';
  expect(quietUntil(at('2026-03-10T23:30', zone), zone, night)).toEqual(at('2026-03-11T07:00', zone));
  expect(quietUntil(at('2026-03-11T06:59', zone), zone, night)).toEqual(at('2026-03-11T07:00', zone));
  expect(quietUntil(at('2026-03-11T07:00', zone), zone, night)).toBeNull();
  expect(quietUntil(at('2026-03-11T21:59', zone), zone, night)).toBeNull();
});

test('a daytime window, and an empty one', () => {
  const zone = 'Europe/Berlin';
  expect(quietUntil(at('2026-06-01T13:15', zone), zone, { start: '13:00', end: '14:00' })).toEqual(
    at('2026-06-01T14:00', zone),
  );
  expect(quietUntil(at('2026-06-01T14:00', zone), zone, { start: '13:00', end: '14:00' })).toBeNull();
  expect(quietUntil(at('2026-06-01T13:15', zone), zone, { start: '13:00', end: '13:00' })).toBeNull();
});

test('quiet hours end at 07:00 local across a DST change', () => {
  const zone = 'Europe/London';
  // The night the clocks go forward (29 March 2026): 07:00 BST is 06:00 UTC.
  expect(quietUntil(at('2026-03-28T23:00', zone), zone, night)?.toISOString()).toBe('2026-03-29T06:00:00.000Z');
});

test('the next digest time is the next occurrence of the local time, with its local date', () => {
  const zone = 'Asia/Tokyo';
  expect(nextLocalTime(at('2026-05-01T07:00', zone), zone, '08:30')).toEqual({
    at: at('2026-05-01T08:30', zone),
    localDate: '2026-05-01',
  });
  expect(nextLocalTime(at('2026-05-01T08:30', zone), zone, '08:30')).toEqual({
    at: at('2026-05-02T08:30', zone),
    localDate: '2026-05-02',
  });
});
