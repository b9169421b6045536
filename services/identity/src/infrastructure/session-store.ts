import { randomUUID } from 'node:crypto';
import type { RefreshToken, Session, User } from '../generated/prisma/client';
import type { Database, Tx } from './database';

export type RevokeReason = 'logout' | 'password-changed' | 'refresh-token-reused';

/** A stored refresh token with the session it belongs to and that session's account. */
export type RefreshTokenRecord = RefreshToken & { session: Session & { user: User } };

/**
 * Sessions (refresh-token families) and their refresh tokens (tables sessions and
 * refresh_tokens). Tokens are found by their hash only: the tokens themselves are never stored.
 */
export function sessionStore(db: Database) {
  return {
    /** Creates a session of `userId` in `tx`, used from `createdAt` on. */
    async create(tx: Tx, session: { userId: string; createdAt: Date; expiresAt: Date }): Promise<Session> {
      return tx.session.create({ data: { id: randomUUID(), ...session, lastUsedAt: session.createdAt } });
    },

    /** Stores the hash of a refresh token issued for a session, in `tx`. */
    async addRefreshToken(
      tx: Tx,
      token: { sessionId: string; tokenHash: string; createdAt: Date; expiresAt: Date },
    ): Promise<void> {
      await tx.refreshToken.create({ data: { id: randomUUID(), ...token } });
    },

    async findRefreshToken(tx: Tx, tokenHash: string): Promise<RefreshTokenRecord | undefined> {
      const row = await tx.refreshToken.findUnique({
        where: { tokenHash },
        include: { session: { include: { user: true } } },
      });
      return row ?? undefined;
    },

    /**
     * Marks a refresh token used, once: false when it already was (a concurrent rotation of
     * the same token got there first), which makes this presentation a replay.
     */
    async claimRefreshToken(tx: Tx, id: string, usedAt: Date): Promise<boolean> {
      const claimed = await tx.refreshToken.updateMany({ where: { id, usedAt: null }, data: { usedAt } });
      return claimed.count === 1;
    },

    async markUsed(tx: Tx, sessionId: string, lastUsedAt: Date): Promise<void> {
      await tx.session.update({ where: { id: sessionId }, data: { lastUsedAt } });
    },

    /** Revokes a session (unless it already is), in `tx`. */
    async revoke(tx: Tx, sessionId: string, reason: RevokeReason, now: Date): Promise<void> {
      await tx.session.updateMany({
        where: { id: sessionId, revokedAt: null },
        data: { revokedAt: now, revokedReason: reason },
      });
    },

    /** Revokes the session a refresh token belongs to (used or not). An unknown token: nothing. */
    async revokeByTokenHash(tokenHash: string, reason: RevokeReason, now: Date): Promise<void> {
      const row = await db.refreshToken.findUnique({ where: { tokenHash } });
      if (!row) return;
      await db.session.updateMany({
        where: { id: row.sessionId, revokedAt: null },
        data: { revokedAt: now, revokedReason: reason },
      });
    },

    /** Revokes every live session of a user except `keep`, in `tx`. */
    async revokeOthers(tx: Tx, userId: string, keep: string, reason: RevokeReason, now: Date): Promise<void> {
      await tx.session.updateMany({
        where: { userId, id: { not: keep }, revokedAt: null },
        data: { revokedAt: now, revokedReason: reason },
      });
    },

    /** Deletes sessions that ended (expired or revoked) before the cutoffs; their tokens go with them. */
    async deleteEnded(tx: Tx, cut: { expiredBefore: Date; revokedBefore: Date }): Promise<number> {
      const deleted = await tx.session.deleteMany({
        where: { OR: [{ expiresAt: { lt: cut.expiredBefore } }, { revokedAt: { lt: cut.revokedBefore } }] },
      });
      return deleted.count;
    },

    /** Deletes refresh tokens that expired before `before` (a live session keeps its used ones for replay detection). */
    async deleteExpiredRefreshTokens(tx: Tx, before: Date): Promise<number> {
      const deleted = await tx.refreshToken.deleteMany({ where: { expiresAt: { lt: before } } });
      return deleted.count;
    },
  };
}
export type SessionStore = ReturnType<typeof sessionStore>;
