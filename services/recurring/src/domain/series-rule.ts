import type { TaskSnapshot } from '@daybook/contracts';
import type { SeriesRule } from './next-occurrence';

/**
 * The series rule a recurring task implies: its RRULE, in the zone of its due date, from
 * its due local time. A date-only due date recurs as dates (at midnight, zone UTC unless
 * the task names one).
 */
export function seriesRuleOf(task: TaskSnapshot): (SeriesRule & { dateOnly: boolean }) | undefined {
  if (!task.recurrence || !task.due) return undefined;
  const exdates = task.recurrence.exdates ?? [];
  if ('dateTime' in task.due) {
    return {
      rrule: task.recurrence.rrule,
      timeZone: task.due.timeZone,
      start: task.due.dateTime,
      exdates,
      dateOnly: false,
    };
  }
  const timeZone = task.due.timeZone ?? 'UTC';
  return { rrule: task.recurrence.rrule, timeZone, start: `${task.due.date}T00:00:00`, exdates, dateOnly: true };
}

/** The rule a stored series recurs by (its own rule, zone, start and skipped dates). */
export function ruleOfSeries(series: {
  rrule: string;
  timeZone: string;
  startLocal: string;
  exdates: string[];
}): SeriesRule {
  return { rrule: series.rrule, timeZone: series.timeZone, start: series.startLocal, exdates: series.exdates };
}

/** Whether a series of dates only: its start is a midnight, as `seriesRuleOf` makes it for a date. */
export const isDateOnly = (series: { startLocal: string }): boolean => series.startLocal.endsWith('T00:00:00');

/** Whether the rule's COUNT (if any) is used up by the occurrences created so far. */
export function countReached(rrule: string, occurrencesCreated: number): boolean {
  const count = /(^|;)COUNT=(\d+)/.exec(rrule)?.[2];
  return count !== undefined && occurrencesCreated >= Number(count);
}

/** The `due` of an occurrence, in the same form as the series' first task. */
export function dueOf(local: string, rule: { timeZone: string; dateOnly: boolean }) {
  return rule.dateOnly
    ? { date: local.slice(0, 10), ...(rule.timeZone !== 'UTC' ? { timeZone: rule.timeZone } : {}) }
    : { dateTime: local, timeZone: rule.timeZone };
}
