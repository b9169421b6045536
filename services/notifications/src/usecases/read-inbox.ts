import type { NotificationCounts } from '@daybook/contracts';
import { InvalidInput } from '@daybook/service-kit';
import type { NotificationStore, NotificationWithDeliveries } from '../infrastructure/notification-store';

export type ListInbox = (query: {
  userId: string;
  view: 'inbox' | 'archived';
  cursor?: string;
  limit: number;
}) => Promise<{ items: NotificationWithDeliveries[]; nextCursor: string | null; counts: NotificationCounts }>;
export type CountNotifications = (userId: string) => Promise<NotificationCounts>;

// The cursor is opaque to clients: the last item's (createdAt, id), base64url.
const encodeCursor = (n: { createdAt: Date; id: string }) =>
  Buffer.from(`${n.createdAt.toISOString()}|${n.id}`).toString('base64url');

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(createdAt.getTime())) {
    throw new InvalidInput('query.cursor', 'is not a cursor this API returned');
  }
  return { createdAt, id };
}

/** The inbox (or archive), newest first, a page at a time, with the counts. */
export function readInbox({ store, now }: { store: NotificationStore; now: () => Date }) {
  const listInbox: ListInbox = async ({ userId, view, cursor, limit }) => {
    const after = cursor ? decodeCursor(cursor) : null;
    const at = now();
    const rows = await store.page(userId, view, after, limit + 1, at);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
      counts: await store.counts(store.db, userId, at),
    };
  };
  const countNotifications: CountNotifications = (userId) => store.counts(store.db, userId, now());
  return { listInbox, countNotifications };
}
