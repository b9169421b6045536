import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { parseSigningKeys } from './signing-keys';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  REFRESH_TOKEN_PATTERN,
  REFRESH_TOKEN_TTL_MS,
  decideRefresh,
  hashToken,
  newRefreshToken,
  plausibleRefreshToken,
  refreshTokenExpiry,
  sameDigest,
  signAccessToken,
  verifyAccessToken,
} from './tokens';

const pem = () =>
  generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const keys = parseSigningKeys(
  JSON.stringify([
    { kid: 'k2', privateKeyPem: pem() },
    { kid: 'k1', privateKeyPem: pem() },
  ]),
);
const aud = { issuer: 'daybook-identity', audience: 'daybook' };
const claims = { userId: '0b6c1c84-6d2f-4d8e-9d6e-2a4f6b1f9a10', email: 'ada@example.com', sessionId: 's1' };

describe('access tokens', () => {
  test('ES256, 15 minutes, issuer, audience, subject, email and kid of the newest key', () => {
    const now = new Date('2026-11-22T09:00:00.000Z');
    const { token, expiresAt } = signAccessToken(keys[0]!, claims, aud, now);
    const decoded = jwt.decode(token, { complete: true })!;
    expect(decoded.header).toMatchObject({ alg: 'ES256', kid: 'k2', typ: 'JWT' });
    expect(decoded.payload).toMatchObject({
      iss: 'daybook-identity',
      aud: 'daybook',
      sub: claims.userId,
      email: 'ada@example.com',
      sid: 's1',
      exp: now.getTime() / 1000 + ACCESS_TOKEN_TTL_SECONDS,
    });
    expect(expiresAt.toISOString()).toBe('2026-11-22T09:15:00.000Z');
    expect(verifyAccessToken(token, keys, aud, now)).toEqual(claims);
  });

  test('a token signed by an older key still verifies while that key is published', () => {
    const now = new Date('2026-11-22T09:00:00.000Z');
    const { token } = signAccessToken(keys[1]!, claims, aud, now);
    expect(verifyAccessToken(token, keys, aud, now)).toEqual(claims);
    expect(verifyAccessToken(token, [keys[0]!], aud, now)).toBeUndefined();
  });

  test('expired, foreign, tampered and unsigned tokens are refused', () => {
    const issued = new Date('2026-11-22T09:00:00.000Z');
    const { token } = signAccessToken(keys[0]!, claims, aud, issued);
    expect(verifyAccessToken(token, keys, aud, new Date('2026-11-22T09:16:00.000Z'))).toEqual({ expired: true });
    expect(verifyAccessToken(token, keys, { ...aud, audience: 'other' }, issued)).toBeUndefined();
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...jwt.decode(token, { json: true }), sub: 'someone-else' }));
    expect(verifyAccessToken(`${h}.${forged.toString('base64url')}.${s}`, keys, aud, issued)).toBeUndefined();
    const none = jwt.sign({ email: 'x', sid: 's' }, '', { algorithm: 'none', subject: 'u', keyid: 'k2' });
    expect(verifyAccessToken(none, keys, aud, issued)).toBeUndefined();
    expect(verifyAccessToken('not-a-jwt', keys, aud, issued)).toBeUndefined();
    expect(p).toBeDefined();
  });
});

describe('refresh tokens', () => {
  test('opaque, 32 random bytes, stored only as a SHA-256 digest', () => {
    const a = newRefreshToken();
    expect(a).toMatch(REFRESH_TOKEN_PATTERN);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(newRefreshToken()).not.toBe(a);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(a)).not.toContain(a);
    expect(sameDigest(hashToken(a), hashToken(a))).toBe(true);
    expect(sameDigest(hashToken(a), hashToken('b'))).toBe(false);
    expect(sameDigest('', '')).toBe(false);
    // Tokens of the wrong shape are not looked up.
    expect(plausibleRefreshToken(a)).toBe(true);
    expect(plausibleRefreshToken('short')).toBe(false);
    expect(plausibleRefreshToken(`${a}x`)).toBe(false);
    expect(plausibleRefreshToken(undefined)).toBe(false);
  });

  test('expiry is the token lifetime, capped by the end of its session', () => {
    const now = new Date('2026-11-22T00:00:00.000Z');
    const far = new Date(now.getTime() + 10 * REFRESH_TOKEN_TTL_MS);
    expect(refreshTokenExpiry(far, now).getTime()).toBe(now.getTime() + REFRESH_TOKEN_TTL_MS);
    const soon = new Date(now.getTime() + 1000);
    expect(refreshTokenExpiry(soon, now)).toEqual(soon);
  });

  test('rotation, replay and expiry decisions', () => {
    const now = new Date('2025-11-22T00:00:00.000Z');
    const later = new Date('2025-12-01T00:00:00.000Z');
    const fresh = { usedAt: null, expiresAt: later };
    const live = { revokedAt: null, expiresAt: later };
    expect(decideRefresh(fresh, live, now)).toEqual({ outcome: 'rotate' });
    expect(decideRefresh(undefined, undefined, now)).toEqual({ outcome: 'reject', reason: 'unknown' });
    expect(decideRefresh({ usedAt: now, expiresAt: later }, live, now)).toEqual({
      outcome: 'revoke-family',
      reason: 'refresh-token-reused',
    });
    expect(decideRefresh(fresh, { revokedAt: now, expiresAt: later }, now)).toEqual({
      outcome: 'reject',
      reason: 'revoked',
    });
    expect(decideRefresh({ usedAt: null, expiresAt: now }, live, now)).toEqual({
      outcome: 'reject',
      reason: 'expired',
    });
    expect(decideRefresh(fresh, { revokedAt: null, expiresAt: now }, now)).toEqual({
      outcome: 'reject',
      reason: 'expired',
    });
  });
});
