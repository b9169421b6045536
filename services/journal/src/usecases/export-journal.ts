import type { EntryStore } from '../infrastructure/entry-store';

/** The person's journal (entries with their insights): their part of "your data". */
export function exportJournal(deps: { entries: Pick<EntryStore, 'allOf'> }) {
  return (userId: string) => deps.entries.allOf(userId);
}
