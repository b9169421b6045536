import { z } from 'zod';
import { defineEvent } from '../define-event';
import { sealedValue } from '../sealed';
import { sensitive } from '../sensitive';
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

/**
 * How the login code is sealed for notifications: the Dapr secret holding the AES-256-GCM
 * keys (newest first), and what the sealed code is bound to, so that a sealed code copied
 * into another user's event does not open.
 */
export const loginCodeSealing = {
  secret: 'login-code-sealing-keys',
  context: (userId: string): string => `daybook.user.login-code:${userId}`,
} as const;

export const loginCodeRequested = defineEvent({
  type: 'daybook.user.login-code-requested.v2',
  topic: 'user-events',
  source: 'identity',
  description:
    'A one-time login code was issued; notifications delivers it by email. The code is sealed for notifications (AES-256-GCM, key from the login-code-sealing-keys secret, bound to the user id), never in clear.',
  schema: z.object({ userId, email: z.email(), sealedCode: sensitive(sealedValue), expiresAt: timestamp }).strict(),
  partitionKey: key,
  partitionKeyRule: keyRule,
  example: {
    userId: '0b6c1c84-6d2f-4d8e-9d6e-2a4f6b1f9a10',
    email: 'ada@example.com',
    sealedCode: {
      alg: 'A256GCM',
      kid: 'login-code-2026-11',
      iv: 'q1mX3vVb2n8cR0tY',
      ciphertext: 'Vm9fQ2x6',
      tag: 'mZ0rJ8wq3n1cT5yVb7kLdA',
    },
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
