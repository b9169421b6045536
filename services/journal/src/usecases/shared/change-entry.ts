import { journalEntryDeleted, journalEntryRestored, journalEntryUpdated } from '@daybook/contracts';
import { Conflict, NotFound } from '@daybook/service-kit';
import { toEntryView, toSnapshot, type EntryRecord } from '../../domain/entry-view';
import type { Tx } from '../../infrastructure/database';
import type { EntryColumns, EntryStore } from '../../infrastructure/entry-store';
import type { Publish } from '../../infrastructure/outbox';

export interface ChangeTarget {
  userId: string;
  id: string;
  /** The version the caller read (If-Match): a change of another version is a Conflict. */
  expectedVersion?: number | undefined;
  /** Whether the entry must be deleted (restore) or not (every other change). */
  deleted?: boolean;
}

export type EntryChangeKind = 'updated' | 'deleted' | 'restored';
export type ChangeEntry = (
  tx: Tx,
  target: ChangeTarget,
  kind: EntryChangeKind,
  change: (before: EntryRecord) => Promise<EntryColumns> | EntryColumns,
) => Promise<EntryRecord>;

/**
 * The one way an existing entry changes, in the caller's transaction: lock the user's entry,
 * check its state and the version the caller read (409 with the server's copy), write the
 * change and the next version, and publish exactly one event.
 */
export function entryChanger(deps: { entries: Pick<EntryStore, 'lock' | 'update'>; publish: Publish }): ChangeEntry {
  const { entries, publish } = deps;
  return async (tx, { userId, id, expectedVersion, deleted = false }, kind, change) => {
    const before = await entries.lock(tx, userId, id);
    if (Boolean(before.deletedAt) !== deleted) {
      if (!deleted) throw new NotFound('entry');
      throw new Conflict('entry is not deleted', toEntryView(before));
    }
    if (expectedVersion !== undefined && before.version !== expectedVersion) {
      throw new Conflict(
        `entry has changed: version ${before.version} on the server, ${expectedVersion} in If-Match`,
        toEntryView(before),
      );
    }
    const after = await entries.update(tx, before, await change(before));
    const opts = { subject: id };
    if (kind === 'updated')
      await publish(tx, journalEntryUpdated, { before: toSnapshot(before), entry: toSnapshot(after) }, opts);
    else if (kind === 'deleted') await publish(tx, journalEntryDeleted, { entry: toSnapshot(after) }, opts);
    else await publish(tx, journalEntryRestored, { entry: toSnapshot(after) }, opts);
    return after;
  };
}
