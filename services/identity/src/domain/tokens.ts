import { createHash, createPublicKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import type { SigningKey } from './signing-keys';

/** Access tokens live 15 minutes; other services verify them locally against the JWKS. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** A refresh token is good for 14 days unless rotated sooner (each refresh issues a new one). */
export const REFRESH_TOKEN_TTL_MS = 14 * 24 * 60 * 60 * 1000;
/** A session (refresh-token family) ends 90 days after sign-in, however often it is refreshed. */
export const SESSION_MAX_AGE_MS = 90 * 24 * 60 * 60 * 1000;

export interface TokenAudience {
  issuer: string;
  audience: string;
}

export interface AccessTokenClaims {
  userId: string;
  email: string;
  /** The session the token was issued for (lets "revoke my other sessions" keep this one). */
  sessionId: string;
}

/** Signs an ES256 access token with the newest key (`kid` names it). */
export function signAccessToken(
  key: SigningKey,
  claims: AccessTokenClaims,
  aud: TokenAudience,
  now = new Date(),
): { token: string; expiresAt: Date } {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + ACCESS_TOKEN_TTL_SECONDS;
  const token = jwt.sign({ email: claims.email, sid: claims.sessionId, iat, exp }, key.privateKey, {
    algorithm: 'ES256',
    keyid: key.kid,
    subject: claims.userId,
    issuer: aud.issuer,
    audience: aud.audience,
  });
  return { token, expiresAt: new Date(exp * 1000) };
}

const publicKeys = new WeakMap<SigningKey, KeyObject>();
const publicKeyOf = (key: SigningKey) => {
  let pk = publicKeys.get(key);
  if (!pk) publicKeys.set(key, (pk = createPublicKey(key.privateKey)));
  return pk;
};

/**
 * Verifies an access token against identity's own keys (no round trip to its own JWKS).
 * Returns undefined for anything invalid: wrong signature, unknown kid, expired, other
 * issuer or audience, or an algorithm other than ES256.
 */
export function verifyAccessToken(
  token: string,
  keys: SigningKey[],
  aud: TokenAudience,
  now = new Date(),
): AccessTokenClaims | { expired: true } | undefined {
  const decoded = jwt.decode(token, { complete: true });
  const key = decoded && keys.find((k) => k.kid === decoded.header.kid);
  if (!key) return undefined;
  try {
    const payload = jwt.verify(token, publicKeyOf(key), {
      algorithms: ['ES256'],
      issuer: aud.issuer,
      audience: aud.audience,
      clockTimestamp: Math.floor(now.getTime() / 1000),
    }) as JwtPayload & { email?: unknown; sid?: unknown };
    if (typeof payload.sub !== 'string' || typeof payload.email !== 'string' || typeof payload.sid !== 'string') {
      return undefined;
    }
    return { userId: payload.sub, email: payload.email, sessionId: payload.sid };
  } catch (err) {
    return (err as Error).name === 'TokenExpiredError' ? { expired: true } : undefined;
  }
}

/** A new opaque refresh token: 32 random bytes, base64url (43 characters). */
export const newRefreshToken = (): string => randomBytes(32).toString('base64url');

/** What the database stores instead of the token: its SHA-256 (hex). */
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Plausible refresh token shape, checked before touching the database. */
export const REFRESH_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Rejects malformed refresh tokens before any database work. */
export const plausibleRefreshToken = (token: string | undefined): token is string =>
  token !== undefined && REFRESH_TOKEN_PATTERN.test(token);

/** When a refresh token issued now expires: its own lifetime, capped by its session's end. */
export const refreshTokenExpiry = (sessionExpiresAt: Date, now = new Date()): Date =>
  new Date(Math.min(now.getTime() + REFRESH_TOKEN_TTL_MS, sessionExpiresAt.getTime()));

/** Constant-time equality of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

export type RefreshDecision =
  | { outcome: 'rotate' }
  | { outcome: 'reject'; reason: 'unknown' | 'expired' | 'revoked' }
  | { outcome: 'revoke-family'; reason: 'refresh-token-reused' };

/**
 * What to do with a presented refresh token. A token already rotated (`usedAt`) is a replay:
 * either it was stolen or the legitimate client lost the race with a thief; either way the
 * whole family is revoked, so the thief's rotated copy stops working too.
 */
export function decideRefresh(
  token: { usedAt: Date | null; expiresAt: Date } | undefined,
  session: { revokedAt: Date | null; expiresAt: Date } | undefined,
  now = new Date(),
): RefreshDecision {
  if (!token || !session) return { outcome: 'reject', reason: 'unknown' };
  if (session.revokedAt) return { outcome: 'reject', reason: 'revoked' };
  if (token.usedAt) return { outcome: 'revoke-family', reason: 'refresh-token-reused' };
  if (token.expiresAt <= now || session.expiresAt <= now) return { outcome: 'reject', reason: 'expired' };
  return { outcome: 'rotate' };
}
