import { occurrencesAfter, type Occurrence, type SeriesRule } from './next-occurrence';

/**
 * Fixed schedule: when the job of a series fires, which occurrences to request now. The
 * next one always; any whose time has passed meanwhile (the service was down) are
 * requested too under the "create" policy, and left out under "skip".
 */
export function fixedSchedulePlan(
  rule: SeriesRule,
  lastLocal: string,
  policy: 'create' | 'skip',
  now: Date,
): { request: Occurrence[]; next: Occurrence | undefined } {
  const upcoming = occurrencesAfter(rule, lastLocal, 500);
  const past = upcoming.filter((o) => o.at <= now);
  const future = upcoming.find((o) => o.at > now);
  const request = [...(policy === 'create' ? past : []), ...(future ? [future] : [])];
  return { request, next: future };
}
