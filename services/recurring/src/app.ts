import type { ServiceApp, ServiceKit } from '@daybook/service-kit';
import type { Env } from './env';
import { eventHandlers } from './events';
import type { Database } from './infrastructure/database';
import { SeriesStore } from './infrastructure/series-store';
import { jobHandlers } from './jobs';
import { seriesJob } from './jobs/series-job';
import { routes } from './routes';
import { CreateDueOccurrences } from './usecases/create-due-occurrences';
import { ForgetUser } from './usecases/forget-user';
import { PreviewOccurrences } from './usecases/preview-occurrences';
import { RequestNextOccurrence } from './usecases/request-next-occurrence';
import { StopSeries } from './usecases/stop-series';
import { TrackSeries } from './usecases/track-series';

/** The kit as this service has it: its own environment and database client. */
export type Kit = ServiceKit<Env, Database>;

/**
 * The composition root of the recurring service: builds every store, adapter and use case
 * once, and hands them to the routes, event handlers and job handlers that call them.
 */
export function buildApp(kit: Kit): ServiceApp<Database> {
  const now = () => new Date();
  const store = new SeriesStore();
  // One definition of the series job: the use cases schedule and cancel it, jobHandlers receives it.
  const scheduling = { jobs: kit.jobs, seriesJob };
  const stopSeries = new StopSeries({ store, ...scheduling, log: kit.log, now });
  const trackSeries = new TrackSeries({ store, ...scheduling, stopSeries });
  const requestNextOccurrence = new RequestNextOccurrence({ store, publish: kit.publish, log: kit.log });
  const createDueOccurrences = new CreateDueOccurrences({
    db: kit.db,
    store,
    ...scheduling,
    publish: kit.publish,
    log: kit.log,
    now,
  });
  const forgetUser = new ForgetUser({ store, ...scheduling });
  const previewOccurrences = new PreviewOccurrences();
  return {
    routes: routes(kit, { previewOccurrences }),
    subscriptions: eventHandlers(kit, { trackSeries, requestNextOccurrence, forgetUser }),
    jobs: jobHandlers({ createDueOccurrences }),
  };
}
