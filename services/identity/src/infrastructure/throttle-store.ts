import { RateLimited } from '../domain/errors';
import {
  afterFailure,
  afterSuccess,
  retryAfterSeconds,
  throttleKey,
  type ThrottlePolicy,
  type ThrottleState,
  type ThrottleSubject,
} from '../domain/rate-limit';
import type { Database, Tx } from './database';

// A burst of failures on one key queues on its row lock; give it time rather than a 500.
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 10_000 };

/**
 * Rate-limit counters in PostgreSQL (table auth_throttles), so every replica enforces the
 * same limits. Each update locks its row for the read-modify-write.
 */
export function throttleStore(db: Database) {
  const keyOf = (s: ThrottleSubject) => throttleKey(s.scope, s.subject);

  async function update(
    subjects: ThrottleSubject[],
    createMissing: boolean,
    next: (s: ThrottleState | undefined, p: ThrottlePolicy) => ThrottleState | undefined,
  ) {
    const now = new Date();
    // Keys in a fixed order, so concurrent updates of the same keys cannot deadlock.
    const sorted = [...subjects].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
    await db.$transaction(async (tx) => {
      for (const subject of sorted) {
        const key = keyOf(subject);
        // Ensure the row exists, then lock it (an UPDATE holds the row lock until commit)
        // before reading it: concurrent failures of one key are counted one after another.
        if (createMissing) {
          await tx.authThrottle.createMany({
            data: [{ key, windowStartedAt: now, updatedAt: now }],
            skipDuplicates: true,
          });
        }
        const locked = await tx.authThrottle.updateMany({ where: { key }, data: { updatedAt: now } });
        if (locked.count === 0) continue;
        const row = await tx.authThrottle.findUniqueOrThrow({ where: { key } });
        const fresh = row.windowCount === 0 && row.consecutiveFailures === 0 && !row.blockedUntil;
        const state = next(fresh ? undefined : row, subject.policy);
        if (!state) continue;
        await tx.authThrottle.update({ where: { key }, data: { ...state, updatedAt: now } });
      }
    }, TRANSACTION_OPTIONS);
  }

  return {
    /** Throws RateLimited if any subject is blocked now. */
    async check(subjects: ThrottleSubject[]): Promise<void> {
      const now = new Date();
      const rows = await db.authThrottle.findMany({ where: { key: { in: subjects.map(keyOf) } } });
      const wait = Math.max(0, ...rows.map((row) => retryAfterSeconds(row, now)));
      if (wait > 0) throw new RateLimited(wait);
    },
    /** Counts a failure (or a rate-limited request) against every subject. */
    async fail(subjects: ThrottleSubject[]): Promise<void> {
      const now = new Date();
      await update(subjects, true, (state, policy) => afterFailure(state, policy, now));
    },
    /** Resets the consecutive failures (and backoff) of every subject that has a record. */
    async succeed(subjects: ThrottleSubject[]): Promise<void> {
      const now = new Date();
      await update(subjects, false, (state, policy) => (state ? afterSuccess(state, policy, now) : undefined));
    },
    /** Deletes records untouched since `idleSince` that block nobody at `now`. */
    async deleteIdle(tx: Tx, idleSince: Date, now: Date): Promise<number> {
      const deleted = await tx.authThrottle.deleteMany({
        where: { updatedAt: { lt: idleSince }, OR: [{ blockedUntil: null }, { blockedUntil: { lt: now } }] },
      });
      return deleted.count;
    },
  };
}
export type ThrottleStore = ReturnType<typeof throttleStore>;
