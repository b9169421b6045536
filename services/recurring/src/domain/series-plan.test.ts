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

test('under "skip" only the next future occurrence is created', () => {
  expect(fixedSchedulePlan(rule, '2026-11-01T09:00:00', 'skip', now).request.map((o) => o.local)).toEqual([
    '2026-11-06T09:00:00',
  ]);
});

test('an ended series plans nothing', () => {
  const ended = { ...rule, rrule: 'FREQ=DAILY;COUNT=2' };
  expect(fixedSchedulePlan(ended, '2026-11-02T09:00:00', 'create', now)).toEqual({ request: [], next: undefined });
});
