import type { ChangeLog } from '../infrastructure/change-log';

export type PruneChanges = () => Promise<number>;

/**
 * Deletes changes older than the retention age, per user and always a prefix of the user's
 * sequence (under the user's stream lock, so it never races a recording), and remembers
 * how far it went: a cursor behind that gets `resync`. Returns how many users it pruned.
 */
export function pruneChanges({
  log,
  retainMs,
  now,
}: {
  log: ChangeLog;
  retainMs: number;
  now: () => Date;
}): PruneChanges {
  return async () => {
    const cutoff = new Date(now().getTime() - retainMs);
    let pruned = 0;
    for (;;) {
      const users = await log.usersWithChangesBefore(cutoff, 200);
      for (const userId of users) {
        await log.transaction(async (tx) => {
          const through = await log.lockNewestBefore(tx, userId, cutoff);
          if (through !== undefined) await log.pruneThrough(tx, userId, through);
        });
      }
      pruned += users.length;
      if (users.length < 200) return pruned;
    }
  };
}
