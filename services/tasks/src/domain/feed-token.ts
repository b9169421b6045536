import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes: the feed URL's secret, unguessable and URL-safe. */
export const newFeedToken = (): string => randomBytes(32).toString('base64url');

/** What is stored of a token: its SHA-256 (a random 256-bit token needs no slow hash). */
export const hashFeedToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

/** The last characters, shown so a person can tell which URL a calendar app holds. */
export const feedTokenHint = (token: string): string => token.slice(-4);

/** True when `token` hashes to `storedHash`, compared in constant time. */
export function feedTokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashFeedToken(token));
  const b = Buffer.from(storedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The shape of a token in a URL: anything else is an unknown feed without a database read. */
export const FEED_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
