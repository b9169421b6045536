import { occurrenceRequested } from '@daybook/contracts';
import type { JobDefinition, Jobs, Logger, ServiceKit } from '@daybook/service-kit';
import { dueAt } from '../domain/next-occurrence';
import { occurrenceRequest } from '../domain/occurrence-request';
import { fixedSchedulePlan } from '../domain/series-plan';
import { isDateOnly, ruleOfSeries } from '../domain/series-rule';
import type { Database } from '../infrastructure/database';
import type { SeriesStore } from '../infrastructure/series-store';
import type { SeriesJobData } from '../jobs/series-job';

export interface CreateDueOccurrencesDeps {
  db: Pick<Database, '$transaction'>;
  store: SeriesStore;
  jobs: Jobs;
  seriesJob: JobDefinition<SeriesJobData>;
  publish: ServiceKit['publish'];
  log: Logger;
  /** This process's clock: which occurrences have passed. */
  now: () => Date;
}

/**
 * A fixed-schedule series' job fired (its latest occurrence is due; a date at the end of its
 * day): ask tasks for the next occurrence, and for any missed meanwhile under the "create"
 * policy, then schedule the job for when the last one asked for is due. Each request is unique per series and date, and a
 * repeated trigger for an occurrence the series has already moved past does nothing (it
 * would otherwise ask for one occurrence too many ahead).
 */
export class CreateDueOccurrences {
  constructor(private readonly deps: CreateDueOccurrencesDeps) {}

  execute({ seriesId, dueLocal }: SeriesJobData): Promise<void> {
    const { db, store, jobs, seriesJob, publish, log, now } = this.deps;
    return db.$transaction(async (tx) => {
      const series = await store.find(tx, seriesId);
      if (!series || series.stoppedAt) return;
      const latest = series.lastLocal ?? series.startLocal;
      if (dueLocal !== undefined && dueLocal !== latest) {
        log.info({ seriesId, dueLocal, latest }, 'trigger of an occurrence already handled');
        return;
      }
      const policy = series.missedPolicy === 'skip' ? 'skip' : 'create';
      const dateOnly = isDateOnly(series);
      const plan = fixedSchedulePlan(
        ruleOfSeries(series),
        series.lastLocal ?? series.startLocal,
        policy,
        now(),
        dateOnly,
      );
      for (const occurrence of plan.request) {
        const request = occurrenceRequest(series, occurrence, { sourceTaskId: null, dateOnly });
        if (await store.recordRequest(tx, request)) await publish(tx, occurrenceRequested, request.event);
        else log.info({ seriesId, occurrenceKey: request.occurrenceKey }, 'occurrence already requested');
      }
      const last = plan.request[plan.request.length - 1];
      if (!last) return;
      await store.setLastLocal(tx, seriesId, last.local);
      await jobs.schedule(
        seriesJob,
        seriesId,
        { at: dueAt(last.local, series.timeZone, dateOnly) },
        { seriesId, dueLocal: last.local },
      );
    });
  }
}
