import type { ListEntriesQuery } from '../domain/entry-input';
import type { EntryStore } from '../infrastructure/entry-store';

/** A page of the user's entries, newest first, filtered and searched (full text). */
export function listEntries(deps: { entries: Pick<EntryStore, 'page'> }) {
  return (userId: string, query: ListEntriesQuery) => deps.entries.page(userId, query);
}
