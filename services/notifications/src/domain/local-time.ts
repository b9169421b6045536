import { DateTime } from 'luxon';

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * If `now` falls inside the daily quiet window [start, end) in `timeZone`, the instant the
 * window ends; otherwise null. A window whose end is before its start runs over midnight
 * (22:00–07:00). Equal start and end: no quiet hours.
 */
export function quietUntil(now: Date, timeZone: string, window: { start: string; end: string }): Date | null {
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  if (start === end) return null;
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const minute = local.hour * 60 + local.minute;
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return null;
  let endsOn = local.startOf('day');
  if (start > end && minute >= start) endsOn = endsOn.plus({ days: 1 });
  return endsOn.set({ hour: Math.floor(end / 60), minute: end % 60 }).toJSDate();
}

/** The next instant strictly after `now` when it is `time` (HH:MM) in `timeZone`, and that local date. */
export function nextLocalTime(now: Date, timeZone: string, time: string): { at: Date; localDate: string } {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const minutes = minutesOf(time);
  let at = local.startOf('day').set({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
  if (at <= local)
    at = local
      .startOf('day')
      .plus({ days: 1 })
      .set({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
  return { at: at.toJSDate(), localDate: at.toISODate()! };
}

/** A valid IANA zone name, or UTC (a profile is never allowed to break delivery). */
export function knownZone(timeZone: string): string {
  return DateTime.now().setZone(timeZone).isValid ? timeZone : 'UTC';
}
