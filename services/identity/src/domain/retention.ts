/**
 * How long identity keeps rows that can no longer be used, before the cleanup job
 * (usecases/clean-up-expired.ts, run by the job in jobs/clean-up-expired.ts) deletes them.
 */
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** The cleanup job runs this often (a Dapr Scheduler job, so one replica runs each trigger). */
export const CLEANUP_SCHEDULE = '@every 1h';

export interface RetentionCutoffs {
  /** Login codes that expired or were used before this. */
  loginCodesBefore: Date;
  /** Refresh tokens that expired before this (a live session keeps its used tokens for replay detection). */
  refreshTokensExpiredBefore: Date;
  /** Sessions that ended before this. */
  sessionsExpiredBefore: Date;
  /** Revoked sessions revoked before this. */
  sessionsRevokedBefore: Date;
  /** Rate-limit records untouched since this (windows and backoff are at most 15 minutes). */
  throttlesIdleSince: Date;
}

export function retentionCutoffs(now: Date): RetentionCutoffs {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  return {
    loginCodesBefore: ago(DAY),
    refreshTokensExpiredBefore: ago(DAY),
    sessionsExpiredBefore: ago(DAY),
    sessionsRevokedBefore: ago(30 * DAY),
    throttlesIdleSince: ago(DAY),
  };
}
