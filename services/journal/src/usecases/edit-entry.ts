import type { UpdateEntryInput } from '../domain/entry-input';
import type { EntryRecord } from '../domain/entry-view';
import type { Transact } from '../infrastructure/database';
import type { EntryColumns } from '../infrastructure/entry-store';
import type { ChangeEntry } from './shared/change-entry';
import type { WhenWritten } from './shared/when-written';

/**
 * A person edits an entry at the version they read (If-Match); the updated event makes its
 * analysis again, and an analysis of the older version still running is then discarded.
 */
export function editEntry(deps: { transact: Transact; changeEntry: ChangeEntry; whenWritten: WhenWritten }) {
  const { transact, changeEntry, whenWritten } = deps;
  return (userId: string, id: string, expectedVersion: number, input: UpdateEntryInput): Promise<EntryRecord> =>
    transact((tx) =>
      changeEntry(tx, { userId, id, expectedVersion }, 'updated', async (before) => {
        const columns: EntryColumns = {};
        if (input.body !== undefined) columns.body = input.body;
        if (input.mood !== undefined) columns.mood = input.mood;
        if (input.tags !== undefined) columns.tags = input.tags;
        if (input.writtenAt !== undefined || input.timeZone !== undefined) {
          Object.assign(
            columns,
            await whenWritten(
              tx,
              userId,
              input.writtenAt ?? before.writtenAt.toISOString(),
              input.timeZone ?? before.timeZone,
            ),
          );
        }
        return columns;
      }),
    );
}
export type EditEntry = ReturnType<typeof editEntry>;
