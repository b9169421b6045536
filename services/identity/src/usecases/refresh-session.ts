import type { Logger } from '@daybook/service-kit';
import { RefreshRejected, Unauthenticated } from '../domain/errors';
import { decideRefresh, hashToken, plausibleRefreshToken } from '../domain/tokens';
import type { Transact } from '../infrastructure/database';
import type { SessionStore } from '../infrastructure/session-store';
import type { IssuedSession, SessionIssuer } from './issue-session';

export type RefreshSession = (refreshToken: string | undefined) => Promise<IssuedSession>;

/**
 * Exchanges a refresh token for the next one of the same session. A token presented a
 * second time revokes its whole session (domain/tokens.ts decideRefresh); so does losing a
 * race with another rotation of the same token. No token: Unauthenticated; a token that
 * cannot be exchanged: RefreshRejected.
 */
export function refreshSession(deps: {
  transact: Transact;
  sessions: Pick<SessionStore, 'findRefreshToken' | 'claimRefreshToken' | 'markUsed' | 'revoke'>;
  issuer: Pick<SessionIssuer, 'issue'>;
  log: Pick<Logger, 'warn'>;
  now: () => Date;
}): RefreshSession {
  const { transact, sessions, issuer, log, now } = deps;
  return async (refreshToken) => {
    if (!refreshToken) throw new Unauthenticated('missing refresh token');
    // A token of the wrong shape is not looked up.
    if (!plausibleRefreshToken(refreshToken)) throw new RefreshRejected('unknown');
    const at = now();
    // Revocations commit: the rejection is thrown only after the transaction.
    const result = await transact(async (tx): Promise<IssuedSession | RefreshRejected> => {
      const row = await sessions.findRefreshToken(tx, hashToken(refreshToken));
      if (!row) return new RefreshRejected('unknown');
      const { session } = row;
      const decision = decideRefresh(row, session, at);
      if (decision.outcome === 'reject') return new RefreshRejected(decision.reason);
      if (decision.outcome === 'revoke-family') {
        await sessions.revoke(tx, session.id, decision.reason, at);
        return new RefreshRejected(decision.reason);
      }
      // Claim the token; a concurrent rotation of the same token finds it claimed: a replay.
      if (!(await sessions.claimRefreshToken(tx, row.id, at))) {
        await sessions.revoke(tx, session.id, 'refresh-token-reused', at);
        return new RefreshRejected('refresh-token-reused');
      }
      await sessions.markUsed(tx, session.id, at);
      return issuer.issue(tx, session.user, session, at);
    });
    if (result instanceof RefreshRejected) {
      if (result.reason === 'refresh-token-reused') {
        log.warn('a used refresh token was presented again: its session is revoked');
      }
      throw result;
    }
    return result;
  };
}
