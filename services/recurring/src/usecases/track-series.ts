import type { SeriesScope, TaskSnapshot } from '@daybook/contracts';
import type { JobDefinition, Jobs } from '@daybook/service-kit';
import { dueAt } from '../domain/next-occurrence';
import { seriesEditOf } from '../domain/series-edit';
import { isDateOnly, seriesRuleOf } from '../domain/series-rule';
import type { Tx } from '../infrastructure/database';
import type { Series, SeriesStore } from '../infrastructure/series-store';
import type { StopSeries } from './stop-series';
import type { SeriesJobData } from '../jobs/series-job';

export interface TrackSeriesDeps {
  store: SeriesStore;
  jobs: Jobs;
  seriesJob: JobDefinition<SeriesJobData>;
  stopSeries: StopSeries;
}

/**
 * Follows the tasks of series: a recurring task starts a series (its id is the task's), an
 * occurrence tasks created becomes its series' template, and a "this and future" edit (or
 * the deletion) of a series' latest task reshapes (or stops) the series. A fixed schedule
 * keeps one job, due when its latest occurrence is due.
 */
export class TrackSeries {
  constructor(private readonly deps: TrackSeriesDeps) {}

  async created(task: TaskSnapshot, tx: Tx): Promise<void> {
    const { store } = this.deps;
    if (task.seriesId) {
      // An occurrence tasks created for us: it is the template of the next one.
      await store.setTemplate(tx, task.seriesId, task.id);
      return;
    }
    const rule = seriesRuleOf(task);
    if (!rule || !task.recurrence) return;
    const series = await store.findOrInsert(tx, {
      id: task.id,
      userId: task.userId,
      rrule: rule.rrule,
      mode: task.recurrence.mode,
      timeZone: rule.timeZone,
      startLocal: rule.start,
      templateTaskId: task.id,
      lastLocal: rule.start,
      missedPolicy: task.recurrence.missed ?? 'create',
      exdates: rule.exdates ?? [],
    });
    if (series.mode === 'fixed-schedule') await this.scheduleAfter(series, rule.start);
  }

  /**
   * A task was updated (with its scope) or deleted. Only a "this and future" edit of the
   * series' latest task touches the series: edits of older occurrences, and "this
   * occurrence only" edits, touch only themselves.
   */
  async changed(task: TaskSnapshot, tx: Tx, scope?: SeriesScope): Promise<void> {
    if (scope === 'this') return;
    const { store, jobs, seriesJob, stopSeries } = this.deps;
    const series = await store.find(tx, task.seriesId ?? task.id);
    if (!series || series.templateTaskId !== task.id || series.stoppedAt) return;
    const edit = seriesEditOf(series, task);
    if (edit.kind === 'stop') return stopSeries.execute(series, tx);
    if (edit.kind === 'unchanged') return;
    // The edited task is the new start of the rest of the series.
    const updated = await store.reshape(tx, series.id, edit.shape);
    if (series.mode === 'fixed-schedule' && updated.mode !== 'fixed-schedule') {
      await jobs.cancel(seriesJob, series.id);
    }
    if (updated.mode === 'fixed-schedule') await this.scheduleAfter(updated, edit.shape.startLocal);
  }

  /** The series' job, (re)scheduled for when the occurrence at `local` is due (a date: when its day ends). */
  private async scheduleAfter(series: Series, local: string): Promise<void> {
    const { jobs, seriesJob } = this.deps;
    await jobs.schedule(
      seriesJob,
      series.id,
      { at: dueAt(local, series.timeZone, isDateOnly(series)) },
      { seriesId: series.id, dueLocal: local },
    );
  }
}
