import { createHmac, hkdfSync, randomInt, timingSafeEqual } from 'node:crypto';
import type { SealingKey } from '@daybook/service-kit';

/** A code is valid for 10 minutes, once, and is void after 5 wrong guesses. */
export const LOGIN_CODE_TTL_MS = 10 * 60 * 1000;
export const LOGIN_CODE_MAX_ATTEMPTS = 5;

/** A uniformly random 6-digit code ("000000"–"999999"). */
export const newLoginCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * The HMAC key of stored codes (a pepper), derived from a login-code sealing key for this
 * purpose alone (HKDF). A code has only a million values: with a key the database does not
 * hold, a copy of the database alone cannot try them against a stored hash.
 */
const pepperOf = (key: SealingKey): Buffer =>
  Buffer.from(hkdfSync('sha256', key.key, Buffer.alloc(0), 'daybook login-code hash v1', 32));

const digest = (key: SealingKey, codeId: string, code: string): string =>
  createHmac('sha256', pepperOf(key)).update(`${codeId}:${code}`).digest('hex');

/**
 * The stored form of a code: an HMAC of the row's id and the code, keyed by the pepper of
 * the newest sealing key (`keys` newest first). Equal codes of different rows never share
 * a digest.
 */
export const hashLoginCode = (keys: readonly SealingKey[], codeId: string, code: string): string =>
  digest(keys[0]!, codeId, code);

/**
 * Whether `code` is the one stored for the row, under any of the sealing keys: a code
 * hashed just before a key rotation still signs in (runbook, "Secrets and key rotation").
 */
export function loginCodeMatches(
  keys: readonly SealingKey[],
  codeId: string,
  code: string,
  storedHash: string,
): boolean {
  const stored = Buffer.from(storedHash, 'hex');
  return keys.some((key) => {
    const given = Buffer.from(digest(key, codeId, code), 'hex');
    return given.length === stored.length && timingSafeEqual(given, stored);
  });
}

/** Whether a stored code can still be tried. */
export function loginCodeUsable(
  row: { expiresAt: Date; attempts: number; consumedAt: Date | null },
  now = new Date(),
): boolean {
  return !row.consumedAt && row.expiresAt > now && row.attempts < LOGIN_CODE_MAX_ATTEMPTS;
}
