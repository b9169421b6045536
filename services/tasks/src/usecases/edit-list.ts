import { listUpdated } from '@daybook/contracts';
import { NotFound } from '@daybook/service-kit';
import { organiserSnapshot } from '../domain/lists-and-tags';
import type { List } from '../generated/prisma/client';
import type { Transact } from '../infrastructure/database';
import type { ListStore } from '../infrastructure/list-store';
import type { Publish } from '../infrastructure/outbox';

/**
 * A person renames or recolours a list; NotFound when it is not theirs. Tasks refer to a
 * list by id and their events carry only the id, so its tasks do not change: the list's own
 * `updated` event tells the other devices.
 */
export function editList(deps: { transact: Transact; lists: Pick<ListStore, 'lock' | 'update'>; publish: Publish }) {
  const { transact, lists, publish } = deps;
  return (userId: string, id: string, changes: { name?: string; color?: string | null }): Promise<List> =>
    transact(async (tx) => {
      const before = await lists.lock(tx, userId, id);
      if (!before) throw new NotFound('list');
      const list = await lists.update(tx, id, changes);
      await publish(
        tx,
        listUpdated,
        { before: organiserSnapshot(before), list: organiserSnapshot(list) },
        { subject: id },
      );
      return list;
    });
}
export type EditList = ReturnType<typeof editList>;
