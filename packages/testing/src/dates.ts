// Dates for tests, computed from the clock the test runs with. No test may depend on the
// day it runs (the suite also runs with its clock moved a year ahead and onto a DST change
// day: scripts/test-clock.sh), so a date a test needs "ahead" or "behind" comes from here,
// never from a literal.
import { DateTime } from 'luxon';

/** Midnight, `days` days from today, in `zone` (calendar days: DST-safe). */
export const dayFrom = (days: number, zone = 'UTC'): DateTime =>
  DateTime.now().setZone(zone).startOf('day').plus({ days });

/** `YYYY-MM-DD`, `days` days from today in `zone`. */
export const dateFrom = (days: number, zone = 'UTC'): string => dayFrom(days, zone).toISODate()!;

/** `YYYY-MM-DDTHH:mm`, wall-clock `time` on the day `days` days from today in `zone`. */
export const dateTimeFrom = (days: number, time: string, zone = 'UTC'): string => `${dateFrom(days, zone)}T${time}`;

/** The instant of wall-clock `time` on the day `days` days from today in `zone`. */
export const instantFrom = (days: number, time: string, zone = 'UTC'): DateTime =>
  DateTime.fromISO(dateTimeFrom(days, time, zone), { zone });

/** The next date (at or after `days` days from today in `zone`) that falls on `weekday` (1 = Monday). */
export const nextWeekday = (weekday: number, days = 1, zone = 'UTC'): DateTime => {
  const d = dayFrom(days, zone);
  return d.plus({ days: (weekday - d.weekday + 7) % 7 });
};
