import type { JobDefinition, Jobs, Logger } from '@daybook/service-kit';
import type { Tx } from '../infrastructure/database';
import type { SeriesStore } from '../infrastructure/series-store';
import type { SeriesJobData } from '../jobs/series-job';

export interface StopSeriesDeps {
  store: SeriesStore;
  jobs: Jobs;
  seriesJob: JobDefinition<SeriesJobData>;
  log: Logger;
  now: () => Date;
}

/**
 * Stops a series (its latest task lost its rule, or was deleted): no occurrence is asked
 * for any more, and a fixed schedule's job is cancelled. The series is kept, stopped, so
 * later events about its tasks change nothing.
 */
export class StopSeries {
  constructor(private readonly deps: StopSeriesDeps) {}

  async execute(series: { id: string; mode: string }, tx: Tx): Promise<void> {
    const { store, jobs, seriesJob, log, now } = this.deps;
    await store.markStopped(tx, series.id, now());
    if (series.mode === 'fixed-schedule') await jobs.cancel(seriesJob, series.id);
    log.info({ seriesId: series.id }, 'series stopped');
  }
}
