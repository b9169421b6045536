import type { EntryRecord } from '../domain/entry-view';
import type { Transact } from '../infrastructure/database';
import type { ChangeEntry } from './shared/change-entry';

/** A person deletes an entry: hidden from lists and the calendar, restorable. */
export function deleteEntry(deps: { transact: Transact; changeEntry: ChangeEntry; now?: () => Date }) {
  const { transact, changeEntry } = deps;
  const now = deps.now ?? (() => new Date());
  return (userId: string, id: string, expectedVersion?: number): Promise<EntryRecord> =>
    transact((tx) => changeEntry(tx, { userId, id, expectedVersion }, 'deleted', () => ({ deletedAt: now() })));
}
export type DeleteEntry = ReturnType<typeof deleteEntry>;
