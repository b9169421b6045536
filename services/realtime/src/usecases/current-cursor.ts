import type { ChangeLog } from '../infrastructure/change-log';

export type CurrentCursor = (userId: string) => Promise<number>;

/** The user's newest sequence number: where a fresh client starts (0 when nothing was recorded). */
export function currentCursor({ log }: { log: ChangeLog }): CurrentCursor {
  return async (userId) => (await log.head(userId)).lastSeq;
}
