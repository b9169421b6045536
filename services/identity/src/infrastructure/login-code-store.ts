import { LOGIN_CODE_MAX_ATTEMPTS } from '../domain/login-code';
import type { LoginCode } from '../generated/prisma/client';
import type { Tx } from './database';

/** One-time login codes (table login_codes): only each code's hash is stored. */
export function loginCodeStore() {
  return {
    /** Voids every unused code of a user, in `tx` (only the newest code is ever valid). */
    async voidUnused(tx: Tx, userId: string, now: Date): Promise<void> {
      await tx.loginCode.updateMany({ where: { userId, consumedAt: null }, data: { consumedAt: now } });
    },

    async create(
      tx: Tx,
      code: { id: string; userId: string; codeHash: string; createdAt: Date; expiresAt: Date },
    ): Promise<void> {
      await tx.loginCode.create({ data: code });
    },

    /** The user's newest code not yet consumed (it may have expired or run out of attempts). */
    async newestUnused(tx: Tx, userId: string): Promise<LoginCode | undefined> {
      const row = await tx.loginCode.findFirst({ where: { userId, consumedAt: null }, orderBy: { createdAt: 'desc' } });
      return row ?? undefined;
    },

    /** Counts one wrong guess against a code (never past the limit). */
    async countWrongGuess(tx: Tx, id: string): Promise<void> {
      await tx.loginCode.updateMany({
        where: { id, attempts: { lt: LOGIN_CODE_MAX_ATTEMPTS } },
        data: { attempts: { increment: 1 } },
      });
    },

    /**
     * Consumes a code if it is still usable at `now`. Single use: when two requests race
     * with one code, only one of them gets true.
     */
    async consume(tx: Tx, id: string, now: Date): Promise<boolean> {
      const consumed = await tx.loginCode.updateMany({
        where: { id, consumedAt: null, attempts: { lt: LOGIN_CODE_MAX_ATTEMPTS }, expiresAt: { gt: now } },
        data: { consumedAt: now },
      });
      return consumed.count === 1;
    },

    /** Deletes codes that expired or were used before `before`. */
    async deleteOld(tx: Tx, before: Date): Promise<number> {
      const deleted = await tx.loginCode.deleteMany({
        where: { OR: [{ expiresAt: { lt: before } }, { consumedAt: { lt: before } }] },
      });
      return deleted.count;
    },
  };
}
export type LoginCodeStore = ReturnType<typeof loginCodeStore>;
