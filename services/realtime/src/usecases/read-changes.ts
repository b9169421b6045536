import type { ChangeView } from '../domain/protocol';
import type { ChangeLog } from '../infrastructure/change-log';

export type ChangesSince =
  | { kind: 'changes'; changes: ChangeView[]; cursor: number; hasMore: boolean }
  /** The gap after `since` cannot be served: refetch, then continue from `cursor`. */
  | { kind: 'resync'; cursor: number };

export type ReadChanges = (query: { userId: string; since: number; limit: number }) => Promise<ChangesSince>;

/**
 * A user's changes after a cursor, for a resuming socket and for GET /api/realtime/changes.
 * The committed seqs of a user are 1..n without holes (see ChangeLog.nextSeq), so anything
 * but `since + 1` first means retention deleted part of the gap: resync, never a silent gap.
 * A cursor past the user's newest seq (from the future, another user's, or from before the
 * account's log was purged) resyncs too.
 */
export function readChanges({ log }: { log: ChangeLog }): ReadChanges {
  return async ({ userId, since, limit }) => {
    // Rows first, head second: the head only grows, so a change committed in between
    // never makes a valid cursor look like one from the future.
    const changes = await log.after(userId, since, limit + 1);
    const head = await log.head(userId);
    const resync = { kind: 'resync' as const, cursor: head.lastSeq };
    if (since > head.lastSeq) return resync;
    if (changes.length === 0)
      return since < head.prunedThrough ? resync : { kind: 'changes', changes, cursor: since, hasMore: false };
    if (changes[0]!.seq !== since + 1) return resync;
    const page = changes.slice(0, limit);
    return { kind: 'changes', changes: page, cursor: page[page.length - 1]!.seq, hasMore: changes.length > limit };
  };
}
