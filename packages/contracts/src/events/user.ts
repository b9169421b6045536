import { z } from 'zod';
import { defineEvent } from '../define-event';
import { timestamp, userId } from './common';

const key = (d: { userId: string }) => d.userId;
const keyRule = 'userId';

export const userRegistered = defineEvent({
  type: 'daybook.user.registered.v1',
  topic: 'user-events',
  source: 'identity',
  description: 'A person signed up.',
  schema: z.object({ userId, email: z.email(), timeZone: z.string().min(1), registeredAt: timestamp }).strict(),
  partitionKey: key,
  partitionKeyRule: keyRule,
  example: {
    userId: '0b6c1c84-6d2f-4d8e-9d6e-2a4f6b1f9a10',
    email: 'ada@example.com',
    timeZone: 'Europe/London',
    registeredAt: '2026-11-22T09:00:00.000Z',
  },
});

export const userDeleted = defineEvent({
  type: 'daybook.user.deleted.v1',
  topic: 'user-events',
  source: 'identity',
  description: "An account was deleted: every service removes that user's data.",
  schema: z.object({ userId, deletedAt: timestamp }).strict(),
  partitionKey: key,
  partitionKeyRule: keyRule,
  example: { userId: '0b6c1c84-6d2f-4d8e-9d6e-2a4f6b1f9a10', deletedAt: '2026-11-22T09:00:00.000Z' },
});

export const loginCodeRequested = defineEvent({
  type: 'daybook.user.login-code-requested.v1',
  topic: 'user-events',
  source: 'identity',
  description: 'A one-time login code was issued; notifications delivers it by email.',
  schema: z.object({ userId, email: z.email(), code: z.string().regex(/^\d{6}$/), expiresAt: timestamp }).strict(),
  partitionKey: key,
  partitionKeyRule: keyRule,
  example: {
    userId: '0b6c1c84-6d2f-4d8e-9d6e-2a4f6b1f9a10',
    email: 'ada@example.com',
    code: '482913',
    expiresAt: '2026-11-22T09:10:00.000Z',
  },
});

export const userUpdated = defineEvent({
  type: 'daybook.user.updated.v1',
  topic: 'user-events',
  source: 'identity',
  description: 'A person changed their profile: their display name or time zone (the whole profile after the change).',
  schema: z
    .object({ userId, displayName: z.string().nullable(), timeZone: z.string().min(1), updatedAt: timestamp })
    .strict(),
  partitionKey: key,
  partitionKeyRule: keyRule,
  example: {
    userId: '0b6c1c84-6d2f-4d8e-9d6e-2a4f6b1f9a10',
    displayName: 'Ada',
    timeZone: 'America/New_York',
    updatedAt: '2026-11-22T09:30:00.000Z',
  },
});
