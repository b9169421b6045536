import { journalEntryCreated } from '@daybook/contracts';
import type { ImportEntriesInput } from '../domain/entry-input';
import { toSnapshot } from '../domain/entry-view';
import type { Transact } from '../infrastructure/database';
import type { EntryStore } from '../infrastructure/entry-store';
import type { Publish } from '../infrastructure/outbox';
import type { WhenWritten } from './shared/when-written';

/** Long files are many writes: one transaction still, given time to finish. */
const IMPORT_TIMEOUT_MS = 120_000;

/**
 * A person imports the entries of a journal export: all in one transaction (the route has
 * validated every entry first, so a wrong one writes nothing), each written as a person
 * writes one, with its created event. Returns how many were imported.
 */
export function importEntries(deps: {
  transact: Transact;
  entries: Pick<EntryStore, 'insert'>;
  whenWritten: WhenWritten;
  publish: Publish;
}) {
  const { transact, entries, whenWritten, publish } = deps;
  return (userId: string, input: ImportEntriesInput): Promise<number> =>
    transact(
      async (tx) => {
        for (const e of input.entries) {
          const entry = await entries.insert(tx, {
            userId,
            body: e.body,
            mood: e.mood ?? null,
            tags: e.tags ?? [],
            ...(await whenWritten(tx, userId, e.writtenAt, e.timeZone)),
          });
          await publish(tx, journalEntryCreated, { entry: toSnapshot(entry) }, { subject: entry.id });
        }
        return input.entries.length;
      },
      { timeout: IMPORT_TIMEOUT_MS },
    );
}
