/** A snooze lasts at most this long. */
export const MAX_SNOOZE_MS = 30 * 24 * 60 * 60 * 1000;

/** Snooze for so many minutes ("5 min", "1 h"), or until an instant ("tomorrow morning"). */
export type Snooze = { minutes: number } | { until: Date };

/** The instant a snoozed reminder fires again. */
export function snoozeUntil(snooze: Snooze, now: Date): Date {
  return 'until' in snooze ? snooze.until : new Date(now.getTime() + snooze.minutes * 60_000);
}

/** Why a reminder cannot be snoozed until `until`, or undefined when it can. */
export function snoozeTimeProblem(until: Date, now: Date): string | undefined {
  if (until.getTime() <= now.getTime()) return 'must be in the future';
  if (until.getTime() - now.getTime() > MAX_SNOOZE_MS) return 'at most 30 days ahead';
  return undefined;
}

/** Why a reminder in this state cannot be snoozed, or undefined when it can. */
export function snoozeStateProblem(status: string): string | undefined {
  return status === 'cancelled' ? 'the reminder was cancelled (its task is done or deleted)' : undefined;
}
