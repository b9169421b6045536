import type { List } from '../generated/prisma/client';
import type { ListStore } from '../infrastructure/list-store';

/**
 * A person renames or recolours a list; NotFound when it is not theirs. Tasks refer to a
 * list by id and events carry only the id, so its tasks do not change.
 */
export function editList(deps: { lists: Pick<ListStore, 'update'> }) {
  const { lists } = deps;
  return (userId: string, id: string, changes: { name?: string; color?: string | null }): Promise<List> =>
    lists.update(userId, id, changes);
}
export type EditList = ReturnType<typeof editList>;
