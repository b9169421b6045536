import { z } from 'zod';
import { defineJob, job, jobName, type JobHandler, type Jobs, type Logger } from '@daybook/service-kit';
import { CLEANUP_SCHEDULE } from '../domain/retention';
import type { CleanUpExpired } from '../usecases/clean-up-expired';

/**
 * The periodic cleanup, a Dapr Scheduler job (one replica runs each trigger). A failed run
 * is not retried: the next one, an hour later, deletes the same rows and more.
 */
export const cleanUpExpiredJob = defineJob({
  kind: 'identity-cleanup',
  data: z.object({}),
  failurePolicy: { drop: {} },
});

/** Its one instance, and that instance's Dapr job name. */
export const CLEANUP_JOB_ID = 'periodic';
export const CLEANUP_JOB = jobName(cleanUpExpiredJob.kind, CLEANUP_JOB_ID);

export const cleanUpExpiredHandler = (cleanUp: CleanUpExpired): JobHandler =>
  job(cleanUpExpiredJob, async () => void (await cleanUp()));

/**
 * Schedules the periodic cleanup (idempotent: the job is replaced). The sidecar may start
 * after the app, so it is retried, backing off, until it succeeds or the service stops.
 */
export function schedulePeriodicCleanup(jobs: Pick<Jobs, 'schedule'>, log: Pick<Logger, 'info' | 'debug'>) {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const attempt = async (delayMs: number) => {
    try {
      await jobs.schedule(cleanUpExpiredJob, CLEANUP_JOB_ID, { every: CLEANUP_SCHEDULE }, {});
      log.info({ job: CLEANUP_JOB, schedule: CLEANUP_SCHEDULE }, 'cleanup job scheduled');
    } catch (err) {
      if (stopped) return;
      log.debug({ err }, 'cleanup job not scheduled yet; retrying');
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
