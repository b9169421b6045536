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
  const dueOf = (o: Occurrence) => (dateOnly ? dueAt(o.local, rule.timeZone, true) : o.at);
  // Usually the next one or two: expand up to 500 only when a few are all due (a long outage).
  let upcoming = occurrencesAfter(rule, lastLocal, 8);
  if (upcoming.length === 8 && upcoming.every((o) => dueOf(o) <= now))
    upcoming = occurrencesAfter(rule, lastLocal, 500);
  // In order, so the ones due are a prefix: stop at the first that is not.
  const firstFuture = upcoming.findIndex((o) => dueOf(o) > now);
  const past = firstFuture === -1 ? upcoming : upcoming.slice(0, firstFuture);
  const future = firstFuture === -1 ? undefined : upcoming[firstFuture];
  const request = [...(policy === 'create' ? past : []), ...(future ? [future] : [])];
  return { request, next: future };
}
