import type { List } from '../generated/prisma/client';
import type { ListStore } from '../infrastructure/list-store';

/** A person makes a list (names need not be unique); it goes after their others. */
export function createList(deps: { lists: Pick<ListStore, 'create'> }) {
  const { lists } = deps;
  return (userId: string, name: string, color: string | null = null): Promise<List> =>
    lists.create(userId, name, color);
}
export type CreateList = ReturnType<typeof createList>;
