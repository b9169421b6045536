// The notifications service (docs/api.md, "notifications — /api/notifications"): the inbox,
// its badge counts, and the user's preferences. Consumer contract in notifications.pact.test.ts.
//
// The shapes are written here from the agreed contract (API-CONTRACT, "Notifications REST API")
// while docs/openapi/notifications.json does not exist yet; once it does, they become aliases
// of the generated types in types.ts like every other service's.
import type { HttpClient } from './http';

export type NotificationCategory = 'reminders' | 'digests' | 'system';
export type NotificationState = 'unseen' | 'seen' | 'read';
export type DeliveryChannel = 'in-app' | 'email';
export type DeliveryStatus = 'queued' | 'held' | 'sent' | 'failed' | 'bounced' | 'suppressed';

export interface Delivery {
  channel: DeliveryChannel;
  status: DeliveryStatus;
  reason: 'preference' | 'quiet-hours' | 'unsubscribed' | null;
  attempts: number;
  lastError: string | null;
  updatedAt: string;
}

export interface Notification {
  id: string;
  category: NotificationCategory;
  title: string;
  body: string;
  urgent: boolean;
  link: { taskId?: string; reminderId?: string } | null;
  state: NotificationState;
  archived: boolean;
  snoozedUntil: string | null;
  createdAt: string;
  /** Absent on the item an event carries; the inbox's copy has them. */
  deliveries?: Delivery[];
}

export interface Counts {
  unread: number;
  unseen: number;
}

export interface InboxPage {
  items: Notification[];
  nextCursor: string | null;
  counts: Counts;
}

export interface Change {
  notification: Notification;
  counts: Counts;
}

export interface ChannelChoice {
  inApp: boolean;
  email: boolean;
}

export interface Preferences {
  /** From the user's profile (read-only here). */
  timeZone: string;
  channels: {
    reminders: ChannelChoice;
    loginCodes: { email: true };
    digests: ChannelChoice;
    system: ChannelChoice;
  };
  quietHours: { enabled: boolean; start: string; end: string };
  digest: { enabled: boolean; time: string };
}

export type InboxView = 'inbox' | 'archived';

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
      http.request<Change>('POST', `${base}/${encodeURIComponent(id)}/snooze`, { body: { until } }),
    preferences: () => http.request<Preferences>('GET', `${base}/preferences`),
    savePreferences: (p: Preferences) => http.request<Preferences>('PUT', `${base}/preferences`, { body: p }),
  };
}

export type NotificationsApi = ReturnType<typeof notificationsApi>;
