import type { EntryRecord } from '../domain/entry-view';
import type { Transact } from '../infrastructure/database';
import type { ChangeEntry } from './shared/change-entry';

/** A person restores a deleted entry (409 with the server's copy when it is not deleted). */
export function restoreEntry(deps: { transact: Transact; changeEntry: ChangeEntry }) {
  const { transact, changeEntry } = deps;
  return (userId: string, id: string): Promise<EntryRecord> =>
    transact((tx) => changeEntry(tx, { userId, id, deleted: true }, 'restored', () => ({ deletedAt: null })));
}
export type RestoreEntry = ReturnType<typeof restoreEntry>;
