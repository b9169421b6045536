import type { List } from '../generated/prisma/client';
import type { ListStore } from '../infrastructure/list-store';

/** A person makes a list (names need not be unique). */
export function createList(deps: { lists: Pick<ListStore, 'create'> }) {
  const { lists } = deps;
  return (userId: string, name: string): Promise<List> => lists.create(userId, name);
}
export type CreateList = ReturnType<typeof createList>;
