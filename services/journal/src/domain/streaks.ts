import { DateTime } from 'luxon';

/**
 * Streaks over the local days someone wrote on (YYYY-MM-DD, any order, repeats allowed).
 * The current streak ends today, or yesterday while today is still open to write in.
 */
export function streaks(days: readonly string[], today: string): { current: number; longest: number } {
  const sorted = [...new Set(days)].sort();
  let longest = 0;
  let run = 0;
  let previous: DateTime | undefined;
  for (const day of sorted) {
    const date = DateTime.fromISO(day, { zone: 'UTC' });
    run = previous && date.diff(previous, 'days').days === 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = date;
  }
  const written = new Set(sorted);
  const todayDate = DateTime.fromISO(today, { zone: 'UTC' });
  let cursor = written.has(today) ? todayDate : todayDate.minus({ days: 1 });
  let current = 0;
  while (written.has(cursor.toISODate()!)) {
    current += 1;
    cursor = cursor.minus({ days: 1 });
  }
  return { current, longest };
}

/** The local day of an instant in a zone. */
export const localDay = (at: Date, timeZone: string): string =>
  DateTime.fromJSDate(at, { zone: timeZone }).toISODate()!;
