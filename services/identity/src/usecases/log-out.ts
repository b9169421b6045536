import { hashToken, plausibleRefreshToken } from '../domain/tokens';
import type { SessionStore } from '../infrastructure/session-store';

export type LogOut = (refreshToken: string | undefined) => Promise<void>;

/** Ends the session a refresh token belongs to. No token, or one nobody knows: nothing to do. */
export function logOut(deps: { sessions: Pick<SessionStore, 'revokeByTokenHash'>; now: () => Date }): LogOut {
  const { sessions, now } = deps;
  return async (refreshToken) => {
    if (plausibleRefreshToken(refreshToken)) await sessions.revokeByTokenHash(hashToken(refreshToken), 'logout', now());
  };
}
