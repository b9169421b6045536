import type { List, Tag } from '../generated/prisma/client';
import type { ListStore } from '../infrastructure/list-store';
import type { TagStore } from '../infrastructure/tag-store';

/**
 * A person puts their lists in an order (the sidebar's): `ids` in the new order; NotFound
 * when one is not theirs. Those left out follow, in the order they had.
 */
export function reorderLists(deps: { lists: Pick<ListStore, 'reorder'> }) {
  const { lists } = deps;
  return (userId: string, ids: string[]): Promise<List[]> => lists.reorder(userId, ids);
}
export type ReorderLists = ReturnType<typeof reorderLists>;

/** The same for tags. Only the order changes: tasks and their events are untouched. */
export function reorderTags(deps: { tags: Pick<TagStore, 'reorder'> }) {
  const { tags } = deps;
  return (userId: string, ids: string[]): Promise<Tag[]> => tags.reorder(userId, ids);
}
export type ReorderTags = ReturnType<typeof reorderTags>;
