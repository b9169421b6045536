import { PreviewOccurrences } from './preview-occurrences';

const preview = new PreviewOccurrences();

// Pure computations from fixed starts: the dates are the point.
test('the first dates of a rule from a local start, as instants in its zone across a DST change', () => {
  const occurrences = preview.execute(
    { rrule: 'FREQ=WEEKLY;BYDAY=SU', start: '2026-10-18T09:00', timeZone: 'Europe/London' },
    3,
  );
  expect(occurrences.map((o) => [o.local, o.at.toISOString()])).toEqual([
    ['2026-10-18T09:00:00', '2026-10-18T08:00:00.000Z'],
    ['2026-10-25T09:00:00', '2026-10-25T09:00:00.000Z'], // the clocks went back that morning
    ['2026-11-01T09:00:00', '2026-11-01T09:00:00.000Z'],
  ]);
});

test('skipped dates are left out, COUNT ends the rule, and no more than asked for', () => {
  const rule = { rrule: 'FREQ=DAILY;COUNT=4', start: '2026-11-01T07:00', timeZone: 'UTC' };
  expect(preview.execute({ ...rule, exdates: ['2026-11-02'] }, 10).map((o) => o.local)).toEqual([
    '2026-11-01T07:00:00',
    '2026-11-03T07:00:00',
    '2026-11-04T07:00:00',
  ]);
  expect(preview.execute(rule, 2).map((o) => o.index)).toEqual([1, 2]);
});

test('if completed at an instant: the next one of an after-completion series, as the series computes it', () => {
  const rule = { rrule: 'FREQ=MONTHLY;INTERVAL=3', start: '2024-08-29T09:00', timeZone: 'Europe/London' };
  expect(preview.ifCompletedAt(rule, new Date('2024-11-29T12:00:00Z'))?.local).toBe('2025-02-28T09:00:00');
  expect(
    preview.ifCompletedAt({ ...rule, rrule: `${rule.rrule};UNTIL=20250101` }, new Date('2024-11-29T12:00:00Z')),
  ).toBeUndefined();
});
