import type { List } from '../generated/prisma/client';
import type { ListStore } from '../infrastructure/list-store';

/** A person's lists, by name. */
export function listLists(deps: { lists: Pick<ListStore, 'list'> }) {
  const { lists } = deps;
  return (userId: string): Promise<List[]> => lists.list(userId);
}
export type ListLists = ReturnType<typeof listLists>;
