import { job, jobName, type JobHandler, type ServiceKit } from '@daybook/service-kit';
import { CLEANUP_SCHEDULE, retentionCutoffs } from '../domain/retention';
import type { Database } from '../infrastructure/database';

export const CLEANUP_JOB_KIND = 'identity-cleanup';
export const CLEANUP_JOB = jobName(CLEANUP_JOB_KIND, 'periodic');

/** Deletes login codes, refresh tokens, sessions and rate-limit records nobody can use any more. */
export async function cleanUpExpired(db: Database, now = new Date()) {
  const cut = retentionCutoffs(now);
  return db.$transaction(async (tx) => {
    const loginCodes = await tx.loginCode.deleteMany({
      where: { OR: [{ expiresAt: { lt: cut.loginCodesBefore } }, { consumedAt: { lt: cut.loginCodesBefore } }] },
    });
    const sessions = await tx.session.deleteMany({
      where: {
        OR: [{ expiresAt: { lt: cut.sessionsExpiredBefore } }, { revokedAt: { lt: cut.sessionsRevokedBefore } }],
      },
    });
    const refreshTokens = await tx.refreshToken.deleteMany({
      where: { expiresAt: { lt: cut.refreshTokensExpiredBefore } },
    });
    const throttles = await tx.authThrottle.deleteMany({
      where: {
        updatedAt: { lt: cut.throttlesIdleSince },
        OR: [{ blockedUntil: null }, { blockedUntil: { lt: now } }],
      },
    });
    return {
      loginCodes: loginCodes.count,
      sessions: sessions.count,
      refreshTokens: refreshTokens.count,
      throttles: throttles.count,
    };
  });
}

export function cleanUpExpiredJob(kit: ServiceKit): JobHandler {
  const db = kit.db as unknown as Database;
  return job(CLEANUP_JOB_KIND, async () => {
    const deleted = await cleanUpExpired(db);
    kit.log.info({ deleted }, 'deleted expired login codes, sessions and rate-limit records');
  });
}

/**
 * Schedules the periodic cleanup in the Dapr Scheduler (idempotent: `overwrite`). The
 * sidecar may start after the app, so it is retried until it succeeds or the service stops.
 */
export function scheduleCleanup(kit: ServiceKit): { stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const attempt = async (delayMs: number) => {
    try {
      await kit.sidecar.scheduleJob(CLEANUP_JOB, {
        schedule: CLEANUP_SCHEDULE,
        overwrite: true,
        data: {},
        failurePolicy: { drop: {} },
      });
      kit.log.info({ job: CLEANUP_JOB, schedule: CLEANUP_SCHEDULE }, 'cleanup job scheduled');
    } catch (err) {
      if (stopped) return;
      kit.log.debug({ err }, 'cleanup job not scheduled yet; retrying');
      timer = setTimeout(() => void attempt(Math.min(delayMs * 2, 30_000)), delayMs);
      timer.unref();
    }
  };
  void attempt(500);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
