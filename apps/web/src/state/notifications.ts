// The bell and the inbox: the badge counts (from GET /counts, every action's answer, and the
// `counts` of every notification event pushed live: the last one seen is the server's truth),
// the open panel's items with cursor pagination, and the actions on an item.
import { api } from '../api/client';
import type { Counts, InboxView, Notification } from '../api/notifications';
import { createStore } from './store';

export interface NotificationsState {
  counts: Counts;
  open: boolean;
  view: InboxView;
  items: Notification[];
  nextCursor: string | null;
  loading: boolean;
  error: string | null;
}

export const notificationsStore = createStore<NotificationsState>({
  counts: { unread: 0, unseen: 0 },
  open: false,
  view: 'inbox',
  items: [],
  nextCursor: null,
  loading: false,
  error: null,
});

const PAGE_SIZE = 20;
let generation = 0;

export function setCounts(counts: Counts | undefined): void {
  if (counts && Number.isInteger(counts.unread) && Number.isInteger(counts.unseen)) notificationsStore.set({ counts });
}

export async function loadCounts(): Promise<void> {
  setCounts(await api.notifications.counts());
}

export async function loadInbox(view: InboxView = notificationsStore.get().view): Promise<void> {
  const mine = ++generation;
  notificationsStore.set({ view, loading: true, error: null });
  try {
    const page = await api.notifications.inbox({ view, limit: PAGE_SIZE });
    if (mine !== generation) return;
    notificationsStore.set({ items: page.items, nextCursor: page.nextCursor, loading: false });
    setCounts(page.counts);
  } catch (err) {
    if (mine === generation) notificationsStore.set({ loading: false, error: (err as Error).message });
  }
}

export async function loadMoreInbox(): Promise<void> {
  const { view, nextCursor, loading } = notificationsStore.get();
  if (!nextCursor || loading) return;
  const mine = generation;
  notificationsStore.set({ loading: true });
  try {
    const page = await api.notifications.inbox({ view, cursor: nextCursor, limit: PAGE_SIZE });
    if (mine !== generation) return;
    notificationsStore.set((s) => {
      const seen = new Set(s.items.map((n) => n.id));
      return {
        items: [...s.items, ...page.items.filter((n) => !seen.has(n.id))],
        nextCursor: page.nextCursor,
        loading: false,
      };
    });
    setCounts(page.counts);
  } catch (err) {
    if (mine === generation) notificationsStore.set({ loading: false, error: (err as Error).message });
  }
}

/** Opening the bell: the first page, and every unseen item becomes seen. */
export async function openInbox(): Promise<void> {
  notificationsStore.set({ open: true });
  await loadInbox('inbox');
  if (notificationsStore.get().counts.unseen > 0) setCounts((await api.notifications.markSeen()).counts);
}

export function closeInbox(): void {
  notificationsStore.set({ open: false });
}

/** Whether an item belongs in the open list (the inbox hides archived and snoozed ones). */
function belongs(n: Notification, view: InboxView, now = Date.now()): boolean {
  if (view === 'archived') return n.archived;
  return !n.archived && !(n.snoozedUntil && Date.parse(n.snoozedUntil) > now);
}

/** An item changed (our action's answer, or an event): updated, inserted or taken off. */
export function upsertNotification(n: Notification): void {
  notificationsStore.set((s) => {
    const existing = s.items.find((x) => x.id === n.id);
    // Events carry the item without its deliveries: keep the ones we have.
    const merged: Notification = { ...n, deliveries: n.deliveries ?? existing?.deliveries };
    if (!belongs(merged, s.view)) return existing ? { items: s.items.filter((x) => x.id !== n.id) } : {};
    if (existing) return { items: s.items.map((x) => (x.id === n.id ? merged : x)) };
    // Newest first: a new item goes on top.
    const items = [merged, ...s.items].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    return { items };
  });
}

type Action = 'read' | 'unread' | 'archive' | 'unarchive';

export async function act(n: Notification, action: Action): Promise<void> {
  const result = await api.notifications[action](n.id);
  upsertNotification(result.notification);
  setCounts(result.counts);
}

export async function snooze(n: Notification, until: Date): Promise<void> {
  const result = await api.notifications.snooze(n.id, until.toISOString());
  upsertNotification(result.notification);
  setCounts(result.counts);
}

export async function markAllRead(): Promise<void> {
  const { counts } = await api.notifications.markAllRead();
  setCounts(counts);
  notificationsStore.set((s) => ({ items: s.items.map((n) => ({ ...n, state: 'read' as const })) }));
}

interface NotificationEventData {
  counts?: Counts;
  notification?: Notification;
  notificationId?: string;
  channel?: 'in-app' | 'email';
  status?: NonNullable<Notification['deliveries']>[number]['status'];
  attempts?: number;
  lastError?: string;
  readAt?: string;
}

/** Signed out, or another user: nothing of the last one's inbox stays on screen. */
export function resetNotifications(): void {
  generation++;
  notificationsStore.set({ counts: { unread: 0, unseen: 0 }, open: false, view: 'inbox', items: [], nextCursor: null });
}

let seenTimer: ReturnType<typeof setTimeout> | undefined;

/** A notification.* event pushed live: the badge takes its counts; the list its item. */
export function applyNotificationEvent(type: string, data: NotificationEventData, time: string): void {
  setCounts(data.counts);
  if (data.notification) {
    upsertNotification(data.notification);
    // Arrived while the bell is open: the user sees it, so it is seen (once for a burst).
    if (type.startsWith('daybook.notification.created.') && notificationsStore.get().open) {
      clearTimeout(seenTimer);
      seenTimer = setTimeout(() => {
        if (notificationsStore.get().open && notificationsStore.get().counts.unseen > 0)
          api.notifications
            .markSeen()
            .then((r) => setCounts(r.counts))
            .catch(() => {});
      }, 500);
    }
    return;
  }
  const id = data.notificationId;
  if (!id) return;
  if (type.startsWith('daybook.notification.read.')) {
    notificationsStore.set((s) => ({
      items: s.items.map((n) => (n.id === id ? { ...n, state: 'read' as const } : n)),
    }));
    return;
  }
  if (data.channel && data.status) {
    const delivery = {
      channel: data.channel,
      status: data.status,
      reason: null,
      attempts: data.attempts ?? 0,
      lastError: data.lastError ?? null,
      updatedAt: time,
    };
    notificationsStore.set((s) => ({
      items: s.items.map((n) =>
        n.id === id
          ? {
              ...n,
              deliveries: [...(n.deliveries ?? []).filter((d) => d.channel !== delivery.channel), delivery],
            }
          : n,
      ),
    }));
  }
}

/** After a resync: the counts, and the open list. */
export async function refreshNotifications(): Promise<void> {
  if (notificationsStore.get().open) await loadInbox();
  else await loadCounts();
}
