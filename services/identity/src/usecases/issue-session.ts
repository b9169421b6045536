import { toUserView, type SessionView } from '../domain/account';
import {
  SESSION_MAX_AGE_MS,
  hashToken,
  newRefreshToken,
  refreshTokenExpiry,
  signAccessToken,
  type TokenAudience,
} from '../domain/tokens';
import type { User } from '../generated/prisma/client';
import type { Tx } from '../infrastructure/database';
import type { SessionStore } from '../infrastructure/session-store';
import type { SigningKeyStore } from '../infrastructure/signing-key-store';

/** A session as handed to the client: the JSON body, and the refresh token for the cookie. */
export interface IssuedSession {
  view: SessionView;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

export interface SessionIssuer {
  /** Starts a new session (refresh-token family) for `user` in `tx`, and issues its first tokens. */
  start(tx: Tx, user: User, now: Date): Promise<IssuedSession>;
  /** Issues the next tokens of a live session in `tx` (after its refresh token was claimed). */
  issue(tx: Tx, user: User, session: { id: string; expiresAt: Date }, now: Date): Promise<IssuedSession>;
}

/**
 * The step every way of signing in shares (sign-up, password, login code, refresh): a new
 * refresh token, stored as its hash, and an access token signed with the newest key.
 */
export function sessionIssuer(deps: {
  sessions: Pick<SessionStore, 'create' | 'addRefreshToken'>;
  signingKeys: SigningKeyStore;
  audience: TokenAudience;
}): SessionIssuer {
  const { sessions, signingKeys, audience } = deps;

  async function issue(tx: Tx, user: User, session: { id: string; expiresAt: Date }, now: Date) {
    const [key] = await signingKeys.keys();
    const refreshToken = newRefreshToken();
    const refreshTokenExpiresAt = refreshTokenExpiry(session.expiresAt, now);
    await sessions.addRefreshToken(tx, {
      sessionId: session.id,
      tokenHash: hashToken(refreshToken),
      createdAt: now,
      expiresAt: refreshTokenExpiresAt,
    });
    const access = signAccessToken(key!, { userId: user.id, email: user.email, sessionId: session.id }, audience, now);
    const view: SessionView = {
      user: toUserView(user),
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt.toISOString(),
      refreshToken,
    };
    return { view, refreshToken, refreshTokenExpiresAt };
  }

  return {
    async start(tx, user, now) {
      const expiresAt = new Date(now.getTime() + SESSION_MAX_AGE_MS);
      const session = await sessions.create(tx, { userId: user.id, createdAt: now, expiresAt });
      return issue(tx, user, session, now);
    },
    issue,
  };
}
