import type { List } from '../generated/prisma/client';
import type { ListStore } from '../infrastructure/list-store';

/**
 * A person renames a list; NotFound when it is not theirs. Tasks refer to a list by id
 * and events carry only the id, so its tasks do not change.
 */
export function renameList(deps: { lists: Pick<ListStore, 'rename'> }) {
  const { lists } = deps;
  return (userId: string, id: string, name: string): Promise<List> => lists.rename(userId, id, name);
}
export type RenameList = ReturnType<typeof renameList>;
