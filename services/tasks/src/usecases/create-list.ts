import { listCreated } from '@daybook/contracts';
import { organiserSnapshot } from '../domain/lists-and-tags';
import type { List } from '../generated/prisma/client';
import type { Transact } from '../infrastructure/database';
import type { ListStore } from '../infrastructure/list-store';
import type { Publish } from '../infrastructure/outbox';

/** A person makes a list (names need not be unique); it goes after their others. */
export function createList(deps: { transact: Transact; lists: Pick<ListStore, 'create'>; publish: Publish }) {
  const { transact, lists, publish } = deps;
  return (userId: string, name: string, color: string | null = null): Promise<List> =>
    transact(async (tx) => {
      const list = await lists.create(tx, userId, { name, color });
      await publish(tx, listCreated, { list: organiserSnapshot(list) }, { subject: list.id });
      return list;
    });
}
export type CreateList = ReturnType<typeof createList>;
