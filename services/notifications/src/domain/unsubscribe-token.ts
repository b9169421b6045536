import { createHmac, timingSafeEqual } from 'node:crypto';
import { notificationCategory, type NotificationCategory } from '@daybook/contracts';

// The unsubscribe link's token: who and which category, signed with HMAC-SHA256 so the link
// works without signing in (RFC 8058 one-click) but cannot be forged for someone else.

export function signUnsubscribeToken(key: Buffer, userId: string, category: NotificationCategory): string {
  const payload = Buffer.from(JSON.stringify({ u: userId, c: category })).toString('base64url');
  return `${payload}.${mac(key, payload)}`;
}

/** The user and category of a genuine token; null for anything else. */
export function verifyUnsubscribeToken(
  key: Buffer,
  token: string,
): { userId: string; category: NotificationCategory } | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(key, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const { u, c } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { u: unknown; c: unknown };
    const category = notificationCategory.safeParse(c);
    if (typeof u !== 'string' || !category.success) return null;
    return { userId: u, category: category.data };
  } catch {
    return null;
  }
}

const mac = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');
