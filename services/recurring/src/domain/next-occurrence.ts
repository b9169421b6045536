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

/**
 * When an occurrence is due: its instant, or, in a series of dates only, the end of its day
 * in the series' zone (a date alone is due at the end of that day, as tasks has it).
 */
export const dueAt = (local: string, zone: string, dateOnly: boolean): Date =>
  dateOnly ? DateTime.fromISO(local, { zone }).plus({ days: 1 }).startOf('day').toJSDate() : instant(local, zone);

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

/** What one step of a rule is, for a rule that is nothing but "every N <unit>s". */
const STEP_UNIT = {
  [RRule.YEARLY]: 'years',
  [RRule.MONTHLY]: 'months',
  [RRule.WEEKLY]: 'weeks',
  [RRule.DAILY]: 'days',
  [RRule.HOURLY]: 'hours',
  [RRule.MINUTELY]: 'minutes',
  [RRule.SECONDLY]: 'seconds',
} as const;

const BY_PARTS = [
  'bysetpos',
  'bymonth',
  'bymonthday',
  'byyearday',
  'byweekno',
  'byweekday',
  'byhour',
  'byminute',
  'bysecond',
  'byeaster',
] as const;

/**
 * "After completion" series (Todoist's `every!`). A plain interval ("every 3 months") is
 * counted from the completion's local day in the series' zone: that day plus the interval,
 * at the series' time of day, whatever the hour of the completion. Month and year steps
 * that land past the end of a shorter month clamp to its last day (31 Jan + 1 month is
 * 28 or 29 Feb), where RFC 5545 would skip the month. A rule that names days (`BYDAY=MO`,
 * `BYMONTHDAY=1`, ...) gives its first day after the completion's. None when the rule has
 * ended (UNTIL) or the day found is skipped by an EXDATE too often to go on.
 */
export function nextAfterCompletion(rule: SeriesRule, completedAt: Date): Occurrence | undefined {
  const completedLocal = DateTime.fromJSDate(completedAt, { zone: rule.timeZone });
  const options = (rrulestr(`RRULE:${rule.rrule}`) as RRule).origOptions;
  const plainInterval = BY_PARTS.every((part) => options[part] === undefined || options[part] === null);
  if (!plainInterval || options.freq === undefined) return firstRuleDayAfter(rule, completedLocal);

  const unit = STEP_UNIT[options.freq];
  const interval = options.interval ?? 1;
  const skip = new Set(rule.exdates ?? []);
  const time = timeOfDay(rule.start);
  const completionDay = DateTime.fromISO(`${completedLocal.toISODate()}T${time}`, { zone: 'UTC' });
  // Hours and shorter count from the completion itself: "every 2 hours" is 2 hours from now.
  const from =
    unit === 'hours' || unit === 'minutes' || unit === 'seconds'
      ? DateTime.fromISO(completedLocal.toFormat("yyyy-LL-dd'T'HH:mm:ss"), { zone: 'UTC' })
      : completionDay;
  // Each step counts from the completion (not from the step before), so a skipped
  // 31st-clamped date does not drift to the 28th for good.
  for (let steps = 1; steps <= 100; steps++) {
    const local = localOf(from.plus({ [unit]: interval * steps }).toJSDate());
    if (options.until && floating(local) > options.until) return undefined;
    if (!skip.has(local.slice(0, 10))) return { local, at: instant(local, rule.timeZone), index: 1 };
  }
  return undefined;
}

/** The rule restarted on the completion's local day: its first occurrence after that day. */
function firstRuleDayAfter(rule: SeriesRule, completedLocal: DateTime): Occurrence | undefined {
  const restart = `${completedLocal.toISODate()}T${timeOfDay(rule.start)}`;
  const endOfDay = `${completedLocal.toISODate()}T23:59:59`;
  return occurrencesAfter({ ...rule, start: restart }, endOfDay, 1)[0];
}

/** `HH:mm:ss` of a local date-time, however it was written. */
export const timeOfDay = (local: string): string => normalise(local).slice(11);

function normalise(local: string): string {
  return localOf(floating(local));
}
