import type { EntryStore } from '../infrastructure/entry-store';

/** One of the user's entries with its insight (deleted ones too, to restore them); 404 for anyone else's. */
export function getEntry(deps: { entries: Pick<EntryStore, 'find'> }) {
  return (userId: string, id: string) => deps.entries.find(userId, id);
}
