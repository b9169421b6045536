import { z } from 'zod';
import { defineEvent } from '../define-event';
import { id, timestamp, userId } from './common';

// Every notification event carries the user's badge counts computed in the same transaction,
// under a per-user lock, as the change it reports: the last event a client saw has the
// server's true counts (API-CONTRACT.md, "Notification events").

export const notificationCategory = z.enum(['reminders', 'digests', 'system']);
export type NotificationCategory = z.infer<typeof notificationCategory>;

/** unread = not read, not archived, not snoozed; unseen = not yet seen in the bell. */
export const notificationCounts = z
  .object({ unread: z.number().int().min(0), unseen: z.number().int().min(0) })
  .strict();
export type NotificationCounts = z.infer<typeof notificationCounts>;

/** One inbox item as it is now (without its deliveries). */
export const notificationSnapshot = z
  .object({
    id,
    userId,
    category: notificationCategory,
    title: z.string().min(1),
    body: z.string(),
    urgent: z.boolean(),
    link: z.object({ taskId: id.optional(), reminderId: id.optional() }).strict().nullable(),
    state: z.enum(['unseen', 'seen', 'read']),
    archived: z.boolean(),
    snoozedUntil: timestamp.nullable(),
    createdAt: timestamp,
  })
  .strict();
export type NotificationSnapshot = z.infer<typeof notificationSnapshot>;

export const deliveryChannel = z.enum(['in-app', 'email']);
export const deliveryStatus = z.enum(['queued', 'held', 'sent', 'failed', 'bounced', 'suppressed']);

const key = (d: { userId: string }) => d.userId;
const keyRule = 'userId';

const exampleUser = '0b6c1c84-6d2f-4d8e-9d6e-2a4f6b1f9a10';
const exampleNotification: NotificationSnapshot = {
  id: '1d2c3b4a-5e6f-4a8b-9c0d-1e2f3a4b5c6d',
  userId: exampleUser,
  category: 'reminders',
  title: 'Water the plants',
  body: 'Due at 09:00',
  urgent: false,
  link: { taskId: '5f0e8a4e-3c2b-4a8f-9e61-7c1d2b3a4f50', reminderId: '7c6b5a49-3827-4165-9e8d-7c6b5a493827' },
  state: 'unseen',
  archived: false,
  snoozedUntil: null,
  createdAt: '2026-11-23T08:45:00.300Z',
};

export const notificationCreated = defineEvent({
  type: 'daybook.notification.created.v2',
  topic: 'notification-events',
  source: 'notifications',
  description: "A notification landed in a user's inbox; counts are the user's badge after it.",
  schema: z.object({ userId, notification: notificationSnapshot, counts: notificationCounts }).strict(),
  partitionKey: key,
  partitionKeyRule: keyRule,
  example: { userId: exampleUser, notification: exampleNotification, counts: { unread: 3, unseen: 1 } },
});

export const notificationUpdated = defineEvent({
  type: 'daybook.notification.updated.v1',
  topic: 'notification-events',
  source: 'notifications',
  description:
    'A notification changed state (seen, read, unread, archived, unarchived, snoozed, unsnoozed): the whole item after the change, and the badge counts.',
  schema: z
    .object({
      userId,
      notification: notificationSnapshot,
      change: z.enum(['seen', 'read', 'unread', 'archived', 'unarchived', 'snoozed', 'unsnoozed']),
      counts: notificationCounts,
    })
    .strict(),
  partitionKey: key,
  partitionKeyRule: keyRule,
  example: {
    userId: exampleUser,
    notification: { ...exampleNotification, state: 'read' },
    change: 'read',
    counts: { unread: 2, unseen: 0 },
  },
});

export const notificationRead = defineEvent({
  type: 'daybook.notification.read.v1',
  topic: 'notification-events',
  source: 'notifications',
  description: 'A notification was read (also reported as notification.updated with change "read").',
  schema: z.object({ userId, notificationId: id, readAt: timestamp, counts: notificationCounts }).strict(),
  partitionKey: key,
  partitionKeyRule: keyRule,
  example: {
    userId: exampleUser,
    notificationId: exampleNotification.id,
    readAt: '2026-11-23T09:01:00.000Z',
    counts: { unread: 2, unseen: 0 },
  },
});

const deliveryOutcome = z
  .object({
    userId,
    notificationId: id,
    channel: deliveryChannel,
    status: deliveryStatus,
    attempts: z.number().int().min(0),
    lastError: z.string().optional(),
    counts: notificationCounts,
  })
  .strict();

export const notificationDelivered = defineEvent({
  type: 'daybook.notification.delivered.v1',
  topic: 'notification-events',
  source: 'notifications',
  description: 'A notification was delivered on a channel (the email was accepted by the SMTP relay).',
  schema: deliveryOutcome,
  partitionKey: key,
  partitionKeyRule: keyRule,
  example: {
    userId: exampleUser,
    notificationId: exampleNotification.id,
    channel: 'email',
    status: 'sent',
    attempts: 1,
    counts: { unread: 3, unseen: 1 },
  },
});

export const notificationDeliveryFailed = defineEvent({
  type: 'daybook.notification.delivery-failed.v1',
  topic: 'notification-events',
  source: 'notifications',
  description: 'A delivery gave up after its last attempt (or bounced); the user sees it as failed.',
  schema: deliveryOutcome,
  partitionKey: key,
  partitionKeyRule: keyRule,
  example: {
    userId: exampleUser,
    notificationId: exampleNotification.id,
    channel: 'email',
    status: 'failed',
    attempts: 8,
    lastError: 'connect ECONNREFUSED 127.0.0.1:1025',
    counts: { unread: 3, unseen: 1 },
  },
});
