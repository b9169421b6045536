import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** A code is valid for 10 minutes, once, and is void after 5 wrong guesses. */
export const LOGIN_CODE_TTL_MS = 10 * 60 * 1000;
export const LOGIN_CODE_MAX_ATTEMPTS = 5;

/** A uniformly random 6-digit code ("000000"–"999999"). */
export const newLoginCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * The stored form of a code: an HMAC keyed by the code's own id, so equal codes of
 * different rows never share a digest and a digest alone is useless without its row.
 */
export const hashLoginCode = (codeId: string, code: string): string =>
  createHmac('sha256', codeId).update(code).digest('hex');

export function loginCodeMatches(codeId: string, code: string, storedHash: string): boolean {
  const given = Buffer.from(hashLoginCode(codeId, code), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** Whether a stored code can still be tried. */
export function loginCodeUsable(
  row: { expiresAt: Date; attempts: number; consumedAt: Date | null },
  now = new Date(),
): boolean {
  return !row.consumedAt && row.expiresAt > now && row.attempts < LOGIN_CODE_MAX_ATTEMPTS;
}
