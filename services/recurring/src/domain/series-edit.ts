import type { TaskSnapshot } from '@daybook/contracts';
import { timeOfDay } from './next-occurrence';
import { seriesRuleOf } from './series-rule';

/** A series as it is kept: what an edit of its latest task is compared with. */
export interface SeriesState {
  rrule: string;
  mode: string;
  timeZone: string;
  startLocal: string;
  /** Fixed schedule: local time of the latest occurrence requested. */
  lastLocal: string | null;
  missedPolicy: string;
  exdates: string[];
}

/** A series' rule, zone, start and policies as its latest task now has them. */
export interface SeriesShape {
  rrule: string;
  mode: 'after-completion' | 'fixed-schedule';
  timeZone: string;
  startLocal: string;
  lastLocal: string;
  missedPolicy: 'create' | 'skip';
  exdates: string[];
}

export type SeriesEdit = { kind: 'stop' } | { kind: 'unchanged' } | { kind: 'reshape'; shape: SeriesShape };

/**
 * What a "this and future" edit (or the deletion) of a series' latest task does to the
 * series: without a rule, or deleted, it stops the series; a new rule, mode, zone, missed
 * policy or skipped dates, or a moved occurrence (fixed schedule) or time of day (after
 * completion), make the edited task the new start of the rest of the series.
 */
export function seriesEditOf(series: SeriesState, task: TaskSnapshot): SeriesEdit {
  const rule = seriesRuleOf(task);
  if (!rule || !task.recurrence || task.deletedAt) return { kind: 'stop' };
  const missed = task.recurrence.missed ?? 'create';
  const exdates = rule.exdates ?? [];
  const changed =
    rule.rrule !== series.rrule ||
    task.recurrence.mode !== series.mode ||
    rule.timeZone !== series.timeZone ||
    missed !== series.missedPolicy ||
    exdates.join() !== series.exdates.join();
  // Fixed schedule: the occurrence moved. After completion: its time of day did.
  const moved =
    series.mode === 'fixed-schedule'
      ? rule.start !== series.lastLocal
      : timeOfDay(rule.start) !== timeOfDay(series.startLocal);
  if (!changed && !moved) return { kind: 'unchanged' };
  return {
    kind: 'reshape',
    shape: {
      rrule: rule.rrule,
      mode: task.recurrence.mode,
      timeZone: rule.timeZone,
      startLocal: rule.start,
      lastLocal: rule.start,
      missedPolicy: missed,
      exdates,
    },
  };
}
