import { dueAt, occurrencesAfter, type Occurrence, type SeriesRule } from './next-occurrence';

/**
 * Fixed schedule: when the job of a series fires (its latest occurrence is due), which
 * occurrences to request now. The next one that is not due yet always; any that fell due
 * meanwhile (the service was down) are requested too under the "create" policy, and left
 * out under "skip". In a series of dates, a day is due when it ends.
 */
export function fixedSchedulePlan(
  rule: SeriesRule,
  lastLocal: string,
  policy: 'create' | 'skip',
  now: Date,
  dateOnly = false,
): { request: Occurrence[]; next: Occurrence | undefined } {
  const upcoming = occurrencesAfter(rule, lastLocal, 500);
  const due = (o: Occurrence) => dueAt(o.local, rule.timeZone, dateOnly) <= now;
  const past = upcoming.filter(due);
  const future = upcoming.find((o) => !due(o));
  const request = [...(policy === 'create' ? past : []), ...(future ? [future] : [])];
  return { request, next: future };
}
