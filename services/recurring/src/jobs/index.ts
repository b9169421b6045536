import { job, type JobHandler, type ServiceKit } from '@daybook/service-kit';
import { SERIES_JOB, SeriesKeeper } from '../events/series-keeper';
import type { Database } from '../infrastructure/database';

/** The fixed-schedule trigger of each series (`series--<seriesId>`). */
export function jobHandlers(kit: ServiceKit): JobHandler[] {
  const keeper = new SeriesKeeper(kit);
  const db = kit.db as unknown as Database;
  return [job(SERIES_JOB, ({ id }) => db.$transaction((tx) => keeper.onScheduleDue(id, tx)))];
}
