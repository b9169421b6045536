// A person's lists and tags: their order in the sidebar, and how events show them.
import { NotFound } from '@daybook/service-kit';

/**
 * A person's lists (or tags), given in their order, put in the order of `ids`, with their
 * positions renumbered from 0. Those left out follow, in the order they had. NotFound
 * (`what`) for an id that is not one of them.
 */
export function reordered<T extends { id: string; position: number }>(
  rows: readonly T[],
  ids: string[],
  what: string,
): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  if (ids.some((id) => !byId.has(id))) throw new NotFound(what);
  const order = [...new Set(ids), ...rows.map((r) => r.id).filter((id) => !ids.includes(id))];
  return order.map((id, position) => ({ ...byId.get(id)!, position }));
}

/** Its list or tag as events carry it (`listSnapshot`, `tagSnapshot`). */
export const organiserSnapshot = (row: {
  id: string;
  userId: string;
  name: string;
  color: string | null;
  position: number;
  createdAt: Date;
}) => ({
  id: row.id,
  userId: row.userId,
  name: row.name,
  color: row.color,
  position: row.position,
  createdAt: row.createdAt.toISOString(),
});
