import { z } from 'zod';
import { defineEvent } from '../define-event';
import { id, timestamp, userId } from './common';

export const notificationCreated = defineEvent({
  type: 'daybook.notification.created.v1',
  topic: 'notification-events',
  source: 'notifications',
  description: "A notification landed in a user's inbox.",
  schema: z
    .object({
      notificationId: id,
      userId,
      kind: z.enum(['reminder', 'digest', 'system']),
      title: z.string().min(1),
      body: z.string(),
      createdAt: timestamp,
    })
    .strict(),
  partitionKey: (d) => d.userId,
  partitionKeyRule: 'userId',
  example: {
    notificationId: '1d2c3b4a-5e6f-4a8b-9c0d-1e2f3a4b5c6d',
    userId: '0b6c1c84-6d2f-4d8e-9d6e-2a4f6b1f9a10',
    kind: 'reminder',
    title: 'Water the plants',
    body: 'Due at 09:00',
    createdAt: '2026-11-23T08:45:00.300Z',
  },
});
