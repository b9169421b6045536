import { randomUUID } from 'node:crypto';
import type { ServiceKit } from '@daybook/service-kit';
import { toUserView, type SessionView } from '../domain/account';
import {
  SESSION_MAX_AGE_MS,
  decideRefresh,
  hashToken,
  newRefreshToken,
  refreshTokenExpiry,
  signAccessToken,
  verifyAccessToken,
  type AccessTokenClaims,
} from '../domain/tokens';
import type { Prisma, User } from '../generated/prisma/client';
import type { Database } from './database';
import { signingKeyStore } from './signing-key-store';

type Tx = Prisma.TransactionClient;

/** A session as handed to the client: the JSON body, and the refresh token for the cookie. */
export interface IssuedSession {
  view: SessionView;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

export type RevokeReason = 'logout' | 'password-changed' | 'refresh-token-reused';

export type RotateResult =
  | { outcome: 'rotated'; issued: IssuedSession }
  | { outcome: 'rejected'; reason: 'unknown' | 'expired' | 'revoked' | 'refresh-token-reused' };

/** Sessions (refresh-token families) and the tokens issued for them. */
export function sessionStore(kit: ServiceKit, db: Database) {
  const keys = signingKeyStore(kit);
  const audience = { issuer: kit.env.AUTH_ISSUER, audience: kit.env.AUTH_AUDIENCE };

  async function issue(tx: Tx, user: User, sessionId: string, sessionExpiresAt: Date, now: Date) {
    const [key] = await keys.keys();
    const refreshToken = newRefreshToken();
    const refreshTokenExpiresAt = refreshTokenExpiry(sessionExpiresAt, now);
    await tx.refreshToken.create({
      data: {
        id: randomUUID(),
        sessionId,
        tokenHash: hashToken(refreshToken),
        createdAt: now,
        expiresAt: refreshTokenExpiresAt,
      },
    });
    const access = signAccessToken(key!, { userId: user.id, email: user.email, sessionId }, audience, now);
    const view: SessionView = {
      user: toUserView(user),
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt.toISOString(),
      refreshToken,
    };
    return { view, refreshToken, refreshTokenExpiresAt };
  }

  const revoke = (tx: Tx, sessionId: string, reason: RevokeReason, now: Date) =>
    tx.session.updateMany({
      where: { id: sessionId, revokedAt: null },
      data: { revokedAt: now, revokedReason: reason },
    });

  return {
    /** Starts a new session for `user` inside `tx`. */
    async start(tx: Tx, user: User, now = new Date()): Promise<IssuedSession> {
      const id = randomUUID();
      const expiresAt = new Date(now.getTime() + SESSION_MAX_AGE_MS);
      await tx.session.create({ data: { id, userId: user.id, createdAt: now, expiresAt, lastUsedAt: now } });
      return issue(tx, user, id, expiresAt, now);
    },

    /**
     * Exchanges a refresh token for a new one of the same session. A token presented a
     * second time revokes its whole session (see domain/tokens.ts decideRefresh).
     */
    async rotate(refreshToken: string, now = new Date()): Promise<RotateResult> {
      const result = await db.$transaction(async (tx): Promise<RotateResult> => {
        const row = await tx.refreshToken.findUnique({
          where: { tokenHash: hashToken(refreshToken) },
          include: { session: { include: { user: true } } },
        });
        const decision = decideRefresh(row ?? undefined, row?.session, now);
        if (decision.outcome === 'reject') return { outcome: 'rejected', reason: decision.reason };
        const { session } = row!;
        if (decision.outcome === 'revoke-family') {
          await revoke(tx, session.id, decision.reason, now);
          return { outcome: 'rejected', reason: decision.reason };
        }
        // Claim the token; a concurrent rotation of the same token finds it claimed: a replay.
        const claimed = await tx.refreshToken.updateMany({
          where: { id: row!.id, usedAt: null },
          data: { usedAt: now },
        });
        if (claimed.count === 0) {
          await revoke(tx, session.id, 'refresh-token-reused', now);
          return { outcome: 'rejected', reason: 'refresh-token-reused' };
        }
        await tx.session.update({ where: { id: session.id }, data: { lastUsedAt: now } });
        return { outcome: 'rotated', issued: await issue(tx, session.user, session.id, session.expiresAt, now) };
      });
      if (result.outcome === 'rejected' && result.reason === 'refresh-token-reused') {
        kit.log.warn('a used refresh token was presented again: its session is revoked');
      }
      return result;
    },

    /** Revokes the session a refresh token belongs to (used or not). Unknown tokens: no-op. */
    async revokeByToken(refreshToken: string, reason: RevokeReason, now = new Date()): Promise<void> {
      const row = await db.refreshToken.findUnique({ where: { tokenHash: hashToken(refreshToken) } });
      if (row) await db.$transaction((tx) => revoke(tx, row.sessionId, reason, now));
    },

    /** Revokes every live session of a user except `keep`. */
    revokeOthers(tx: Tx, userId: string, keep: string, reason: RevokeReason, now = new Date()) {
      return tx.session.updateMany({
        where: { userId, id: { not: keep }, revokedAt: null },
        data: { revokedAt: now, revokedReason: reason },
      });
    },

    /** Verifies an access token against identity's own keys. */
    async verifyAccessToken(token: string): Promise<AccessTokenClaims | { expired: true } | undefined> {
      return verifyAccessToken(token, await keys.keys(), audience);
    },
  };
}
export type SessionStore = ReturnType<typeof sessionStore>;
