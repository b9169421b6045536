import { z } from 'zod';
import { defineJob, job, jobName, type JobHandler, type Jobs, type Logger } from '@daybook/service-kit';
import type { SweepExpiredHistory } from '../usecases/sweep-expired-history';

/**
 * The periodic retention sweep, a Dapr Scheduler job (one replica runs each trigger). A
 * failed run is not retried: the next one removes the same entries and more.
 */
export const sweepExpiredHistoryJob = defineJob({
  kind: 'audit-retention',
  data: z.object({}),
  failurePolicy: { drop: {} },
});

/** Its one instance, and that instance's Dapr job name. */
export const SWEEP_JOB_ID = 'periodic';
export const SWEEP_JOB = jobName(sweepExpiredHistoryJob.kind, SWEEP_JOB_ID);

export const sweepExpiredHistoryHandler = (sweep: SweepExpiredHistory): JobHandler =>
  job(sweepExpiredHistoryJob, async () => void (await sweep()));

/**
 * Schedules the periodic sweep (idempotent: the job is replaced, so a changed schedule
 * takes over at the next start). The sidecar may start after the app, so it is retried,
 * backing off, until it succeeds or the service stops.
 */
export function schedulePeriodicSweep(
  jobs: Pick<Jobs, 'schedule'>,
  schedule: string,
  log: Pick<Logger, 'info' | 'debug'>,
) {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const attempt = async (delayMs: number) => {
    try {
      await jobs.schedule(sweepExpiredHistoryJob, SWEEP_JOB_ID, { every: schedule }, {});
      log.info({ job: SWEEP_JOB, schedule }, 'retention sweep scheduled');
    } catch (err) {
      if (stopped) return;
      log.debug({ err }, 'retention sweep not scheduled yet; retrying');
      timer = setTimeout(() => void attempt(Math.min(delayMs * 2, 30_000)), delayMs);
      timer.unref();
    }
  };
  void attempt(500);
  return {
    stop(): void {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
