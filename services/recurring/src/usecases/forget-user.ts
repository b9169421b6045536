import type { JobDefinition, Jobs } from '@daybook/service-kit';
import type { Tx } from '../infrastructure/database';
import type { SeriesStore } from '../infrastructure/series-store';
import type { SeriesJobData } from '../jobs/series-job';

export interface ForgetUserDeps {
  store: SeriesStore;
  jobs: Jobs;
  seriesJob: JobDefinition<SeriesJobData>;
}

/** An account was deleted: its series go, with their requests and fixed-schedule jobs. */
export class ForgetUser {
  constructor(private readonly deps: ForgetUserDeps) {}

  async execute(userId: string, tx: Tx): Promise<void> {
    const { store, jobs, seriesJob } = this.deps;
    for (const series of await store.listOfUser(tx, userId)) {
      if (series.mode === 'fixed-schedule') await jobs.cancel(seriesJob, series.id);
    }
    await store.deleteOfUser(tx, userId);
  }
}
