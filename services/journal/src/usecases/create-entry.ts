import { journalEntryCreated } from '@daybook/contracts';
import type { CreateEntryInput } from '../domain/entry-input';
import { toSnapshot, type EntryRecord } from '../domain/entry-view';
import type { Transact } from '../infrastructure/database';
import type { EntryStore } from '../infrastructure/entry-store';
import type { Publish } from '../infrastructure/outbox';
import type { WhenWritten } from './shared/when-written';

/**
 * A person writes an entry: saved with the local day it was written on, in one transaction
 * with the created event (which starts its analysis, after the entry is safe).
 */
export function createEntry(deps: {
  transact: Transact;
  entries: Pick<EntryStore, 'insert'>;
  whenWritten: WhenWritten;
  publish: Publish;
}) {
  const { transact, entries, whenWritten, publish } = deps;
  return (userId: string, input: CreateEntryInput): Promise<EntryRecord> =>
    transact(async (tx) => {
      const entry = await entries.insert(tx, {
        userId,
        body: input.body,
        mood: input.mood ?? null,
        tags: input.tags ?? [],
        ...(await whenWritten(tx, userId, input.writtenAt, input.timeZone)),
      });
      await publish(tx, journalEntryCreated, { entry: toSnapshot(entry) }, { subject: entry.id });
      return entry;
    });
}
export type CreateEntry = ReturnType<typeof createEntry>;
