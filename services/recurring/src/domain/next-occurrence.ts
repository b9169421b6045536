import { DateTime } from 'luxon';
import { RRule, rrulestr } from 'rrule';

/**
 * Recurrence in a time zone, DST-safe: rrule works on "floating" wall-clock times (we
 * hand it local times dressed as UTC), and each result is turned into a real instant in
 * the series' zone only at the end. So a 09:00 task stays at 09:00 local time across
 * clock changes, and "last day of the month" is the zone's last day.
 */
export interface SeriesRule {
  /** RFC 5545 RRULE body, e.g. `FREQ=MONTHLY;BYDAY=2TU`. */
  rrule: string;
  /** IANA zone the rule's wall-clock times live in. */
  timeZone: string;
  /** Local wall-clock time of the first occurrence (`YYYY-MM-DDTHH:mm[:ss]`). */
  start: string;
  /** Local dates (`YYYY-MM-DD`) to skip (EXDATE). */
  exdates?: string[];
}

export interface Occurrence {
  /** Local wall-clock time, `YYYY-MM-DDTHH:mm:ss`. */
  local: string;
  /** The instant. */
  at: Date;
  /** 1-based position in the series (for COUNT). */
  index: number;
}

const floating = (local: string) => new Date(`${local.length === 16 ? `${local}:00` : local}Z`);
const localOf = (d: Date) => d.toISOString().slice(0, 19);
/** The instant a local wall-clock time names in a zone (gap times move forward). */
export const instant = (local: string, zone: string) => DateTime.fromISO(local, { zone }).toJSDate();

function build(rule: SeriesRule, start: string): RRule {
  const parsed = rrulestr(`RRULE:${rule.rrule}`) as RRule;
  return new RRule({ ...parsed.origOptions, dtstart: floating(start) });
}

/** The first occurrences of a series (for previews: "the next five dates"). */
export function firstOccurrences(rule: SeriesRule, count: number): Occurrence[] {
  return occurrencesAfter(rule, undefined, count);
}

/**
 * Occurrences strictly after the local time `after` (or from the start), skipping EXDATEs,
 * at most `count`. Respects COUNT and UNTIL of the rule.
 */
export function occurrencesAfter(rule: SeriesRule, after: string | undefined, count: number): Occurrence[] {
  const r = build(rule, rule.start);
  const skip = new Set(rule.exdates ?? []);
  const result: Occurrence[] = [];
  let index = 0;
  // Iterate from the start so COUNT (and each occurrence's index) is exact.
  r.all((date) => {
    index++;
    const local = localOf(date);
    if ((after === undefined || local > normalise(after)) && !skip.has(local.slice(0, 10))) {
      result.push({ local, at: instant(local, rule.timeZone), index });
    }
    return result.length < count && index < 10_000;
  });
  return result;
}

/**
 * "After completion" series: the rule restarts from the completion day, at the series'
 * time of day. Returns the first occurrence strictly after that moment, or none when the
 * rule (UNTIL) has ended.
 */
export function nextAfterCompletion(rule: SeriesRule, completedAt: Date): Occurrence | undefined {
  const completedLocal = DateTime.fromJSDate(completedAt, { zone: rule.timeZone });
  const restart = `${completedLocal.toISODate()}T${timeOfDay(rule.start)}`;
  const restarted: SeriesRule = { ...rule, start: restart };
  const after = localOf(floating(completedLocal.toFormat("yyyy-LL-dd'T'HH:mm:ss")));
  return occurrencesAfter(restarted, after < restart ? restart : after, 1)[0];
}

/** `HH:mm:ss` of a local date-time, however it was written. */
export const timeOfDay = (local: string): string => normalise(local).slice(11);

function normalise(local: string): string {
  return localOf(floating(local));
}
