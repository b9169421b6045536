// The notifications service (docs/api.md, "notifications — /api/notifications"): the inbox,
// its badge counts, and the user's preferences. Consumer contract in notifications.pact.test.ts.
import type { HttpClient } from './http';
import type {
  Delivery,
  InboxPage,
  InboxQuery,
  Notification,
  NotificationCounts as Counts,
  Preferences,
  SnoozeInput,
} from './types';

export type { Counts, Delivery, InboxPage, Notification, Preferences };
export type InboxView = NonNullable<InboxQuery['view']>;
export type ChannelChoice = Preferences['channels']['reminders'];

/** What an action on one item answers: the item after it, and the badge counts. */
export interface Change {
  notification: Notification;
  counts: Counts;
}

const base = '/api/notifications';

export function notificationsApi(http: HttpClient) {
  const act = (id: string, action: 'read' | 'unread' | 'archive' | 'unarchive') =>
    http.request<Change>('POST', `${base}/${encodeURIComponent(id)}/${action}`);
  return {
    inbox: (query: { view?: InboxView; cursor?: string | null; limit?: number } = {}) =>
      http.request<InboxPage>('GET', `${base}/inbox`, { query: { ...query } }),
    counts: () => http.request<Counts>('GET', `${base}/counts`),
    /** The bell was opened: every unseen item becomes seen. */
    markSeen: () => http.request<{ counts: Counts }>('POST', `${base}/inbox/seen`),
    markAllRead: () => http.request<{ counts: Counts }>('POST', `${base}/inbox/read-all`),
    read: (id: string) => act(id, 'read'),
    unread: (id: string) => act(id, 'unread'),
    archive: (id: string) => act(id, 'archive'),
    unarchive: (id: string) => act(id, 'unarchive'),
    snooze: (id: string, until: string) =>
      http.request<Change>('POST', `${base}/${encodeURIComponent(id)}/snooze`, {
        body: { until } satisfies SnoozeInput,
      }),
    preferences: () => http.request<Preferences>('GET', `${base}/preferences`),
    savePreferences: (p: Preferences) => http.request<Preferences>('PUT', `${base}/preferences`, { body: p }),
  };
}

export type NotificationsApi = ReturnType<typeof notificationsApi>;
