import type { Notification } from '../api/notifications';
import { applyNotificationEvent, notificationsStore } from './notifications';

const at = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
const item = (id: string, createdAt: string, patch: Partial<Notification> = {}): Notification => ({
  id,
  category: 'reminders',
  title: `Reminder ${id}`,
  body: '',
  urgent: false,
  link: null,
  state: 'unseen',
  archived: false,
  snoozedUntil: null,
  createdAt,
  ...patch,
});

beforeEach(() => {
  notificationsStore.set({ counts: { unread: 0, unseen: 0 }, open: true, view: 'inbox', items: [], nextCursor: null });
});

test('the badge takes the counts of every notification event; new items go on top', () => {
  const older = item('n1', at(60_000), {
    deliveries: [{ channel: 'email', status: 'sent', reason: null, attempts: 1, lastError: null, updatedAt: at(0) }],
  });
  notificationsStore.set({ items: [older] });
  applyNotificationEvent(
    'daybook.notification.created.v2',
    { notification: item('n2', at(0)), counts: { unread: 2, unseen: 1 } },
    at(0),
  );
  expect(notificationsStore.get().counts).toEqual({ unread: 2, unseen: 1 });
  expect(notificationsStore.get().items.map((n) => n.id)).toEqual(['n2', 'n1']);

  // An update keeps the deliveries the inbox had (events carry none).
  applyNotificationEvent(
    'daybook.notification.updated.v1',
    { notification: { ...older, state: 'read', deliveries: undefined }, counts: { unread: 1, unseen: 1 } },
    at(0),
  );
  const n1 = notificationsStore.get().items.find((n) => n.id === 'n1')!;
  expect(n1.state).toBe('read');
  expect(n1.deliveries).toHaveLength(1);
  expect(notificationsStore.get().counts.unread).toBe(1);
});

test('archived or snoozed items leave the inbox; a delivery outcome updates the item’s status', () => {
  notificationsStore.set({ items: [item('n1', at(1000)), item('n2', at(0))] });
  applyNotificationEvent(
    'daybook.notification.updated.v1',
    { notification: item('n1', at(1000), { archived: true }), counts: { unread: 1, unseen: 0 } },
    at(0),
  );
  applyNotificationEvent(
    'daybook.notification.delivery-failed.v1',
    {
      notificationId: 'n2',
      channel: 'email',
      status: 'failed',
      attempts: 8,
      lastError: 'refused',
      counts: { unread: 1, unseen: 0 },
    },
    at(0),
  );
  const items = notificationsStore.get().items;
  expect(items.map((n) => n.id)).toEqual(['n2']);
  expect(items[0]!.deliveries).toEqual([
    {
      channel: 'email',
      status: 'failed',
      reason: null,
      attempts: 8,
      lastError: 'refused',
      updatedAt: expect.any(String),
    },
  ]);
});
