import type { Logger } from '@daybook/service-kit';
import { retentionCutoffs } from '../domain/retention';
import type { Transact } from '../infrastructure/database';
import type { LoginCodeStore } from '../infrastructure/login-code-store';
import type { SessionStore } from '../infrastructure/session-store';
import type { ThrottleStore } from '../infrastructure/throttle-store';

export interface CleanedUp {
  loginCodes: number;
  sessions: number;
  refreshTokens: number;
  throttles: number;
}

export type CleanUpExpired = () => Promise<CleanedUp>;

/**
 * Deletes login codes, sessions, refresh tokens and rate-limit records nobody can use any
 * more (domain/retention.ts says how long each is kept), in one transaction. Run
 * periodically by the identity-cleanup job.
 */
export function cleanUpExpired(deps: {
  transact: Transact;
  loginCodes: Pick<LoginCodeStore, 'deleteOld'>;
  sessions: Pick<SessionStore, 'deleteEnded' | 'deleteExpiredRefreshTokens'>;
  throttle: Pick<ThrottleStore, 'deleteIdle'>;
  log: Pick<Logger, 'info'>;
  now: () => Date;
}): CleanUpExpired {
  const { transact, loginCodes, sessions, throttle, log, now } = deps;
  return async () => {
    const at = now();
    const cut = retentionCutoffs(at);
    const deleted = await transact(async (tx) => ({
      loginCodes: await loginCodes.deleteOld(tx, cut.loginCodesBefore),
      sessions: await sessions.deleteEnded(tx, {
        expiredBefore: cut.sessionsExpiredBefore,
        revokedBefore: cut.sessionsRevokedBefore,
      }),
      refreshTokens: await sessions.deleteExpiredRefreshTokens(tx, cut.refreshTokensExpiredBefore),
      throttles: await throttle.deleteIdle(tx, cut.throttlesIdleSince, at),
    }));
    log.info({ deleted }, 'deleted expired login codes, sessions and rate-limit records');
    return deleted;
  };
}
