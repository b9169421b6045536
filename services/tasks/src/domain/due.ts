import { DateTime } from 'luxon';

export type Due = { date: string; timeZone?: string | undefined } | { dateTime: string; timeZone: string };

/**
 * The instant a task is due. A wall-clock time is read in its own zone (a time skipped by a
 * DST change moves forward, as clocks do); a date alone is due at the end of that day in
 * its zone, or the user's.
 */
export function computeDueAt(due: Due, userTimeZone: string): Date {
  if ('dateTime' in due) {
    return DateTime.fromISO(due.dateTime, { zone: due.timeZone }).toJSDate();
  }
  return DateTime.fromISO(due.date, { zone: due.timeZone ?? userTimeZone })
    .endOf('day')
    .toJSDate();
}

/** True when `local` names a time that exists in `zone` (not inside a spring-forward gap). */
export function existsInZone(local: string, zone: string): boolean {
  const dt = DateTime.fromISO(local, { zone });
  return dt.isValid && dt.toFormat("yyyy-MM-dd'T'HH:mm") === local.slice(0, 16);
}

/** Start and end of "today" in a zone, and the end of the day `days` later. */
export function dayWindow(zone: string, days: number, now = new Date()) {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  return {
    startOfToday: today.toJSDate(),
    endOfToday: today.endOf('day').toJSDate(),
    endOfWindow: today.plus({ days }).endOf('day').toJSDate(),
  };
}
