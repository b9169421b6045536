import { listUpdated, tagUpdated } from '@daybook/contracts';
import { organiserSnapshot } from '../domain/lists-and-tags';
import type { List, Tag } from '../generated/prisma/client';
import type { Transact } from '../infrastructure/database';
import type { ListStore } from '../infrastructure/list-store';
import type { TagStore } from '../infrastructure/tag-store';
import type { Publish } from '../infrastructure/outbox';

/** Each row of `after` whose position changed, with its row in `before`. */
const moved = <T extends { id: string; position: number }>(before: T[], after: T[]) =>
  after.flatMap((row) => {
    const was = before.find((b) => b.id === row.id)!;
    return was.position === row.position ? [] : [{ was, row }];
  });

/**
 * A person puts their lists in an order (the sidebar's): `ids` in the new order; NotFound
 * when one is not theirs. Those left out follow, in the order they had. Each list whose
 * place changed gets an `updated` event.
 */
export function reorderLists(deps: { transact: Transact; lists: Pick<ListStore, 'reorder'>; publish: Publish }) {
  const { transact, lists, publish } = deps;
  return (userId: string, ids: string[]): Promise<List[]> =>
    transact(async (tx) => {
      const { before, after } = await lists.reorder(tx, userId, ids);
      for (const { was, row } of moved(before, after)) {
        await publish(
          tx,
          listUpdated,
          { before: organiserSnapshot(was), list: organiserSnapshot(row) },
          { subject: row.id },
        );
      }
      return after;
    });
}
export type ReorderLists = ReturnType<typeof reorderLists>;

/** The same for tags. Only the order changes: tasks and their events are untouched. */
export function reorderTags(deps: { transact: Transact; tags: Pick<TagStore, 'reorder'>; publish: Publish }) {
  const { transact, tags, publish } = deps;
  return (userId: string, ids: string[]): Promise<Tag[]> =>
    transact(async (tx) => {
      const { before, after } = await tags.reorder(tx, userId, ids);
      for (const { was, row } of moved(before, after)) {
        await publish(
          tx,
          tagUpdated,
          { before: organiserSnapshot(was), tag: organiserSnapshot(row) },
          { subject: row.id },
        );
      }
      return after;
    });
}
export type ReorderTags = ReturnType<typeof reorderTags>;
