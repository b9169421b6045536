import { createPublicKey, type KeyObject } from 'node:crypto';
import type { RequestHandler } from 'express';
import jwt, { type JwtHeader, type JwtPayload } from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
import { LRUCache } from 'lru-cache';
import { HttpError, unauthorized } from './errors';

export interface AuthenticatedUser {
  id: string;
  email?: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: AuthenticatedUser;
  }
}

/** Algorithms identity signs with: asymmetric only, so no service can mint tokens. */
export const ACCESS_TOKEN_ALGORITHMS: jwt.Algorithm[] = ['ES256', 'RS256'];

export interface TokenVerifier {
  verify(token: string): Promise<AuthenticatedUser>;
}

/** A token's user as its signature vouches for them, and until when (its `exp`). */
export interface VerifiedToken {
  user: AuthenticatedUser;
  expiresAtMs: number;
}

/** How many verified tokens a service remembers (a few MB at most). */
export const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

/**
 * Remembers tokens whose signature has been verified, until their own `exp`: a client sends
 * the same access token with every request for its lifetime, and an ES256 verify costs more
 * CPU than the rest of a simple read (~0.1 ms). Only tokens that passed are kept (a bad one
 * is checked again each time), keyed by the whole token, so a token is accepted exactly
 * when the verifier accepted it and it has not expired since. Keys are kept as long as
 * without the cache (the JWKS keys are cached by kid either way).
 */
export function cachedVerifier(
  verify: (token: string) => Promise<VerifiedToken>,
  opts: { max?: number; now?: () => number } = {},
): TokenVerifier {
  const now = opts.now ?? Date.now;
  const cache = new LRUCache<string, VerifiedToken>({ max: opts.max ?? VERIFIED_TOKEN_CACHE_SIZE });
  return {
    verify: async (token) => {
      const known = cache.get(token);
      if (known && now() < known.expiresAtMs) return known.user;
      if (known) cache.delete(token);
      const verified = await verify(token);
      cache.set(token, verified);
      return verified.user;
    },
  };
}

/**
 * Verifies access tokens locally against identity's JWKS (keys cached, refetched when a
 * token names an unknown `kid`, so key rotation needs no restart).
 */
export function jwksTokenVerifier(opts: {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** Verified tokens remembered until their exp (see cachedVerifier). */
  cacheSize?: number;
}): TokenVerifier {
  const client = new JwksClient({
    jwksUri: opts.jwksUrl,
    cache: true,
    cacheMaxAge: 10 * 60_000,
    rateLimit: true,
    jwksRequestsPerMinute: 30,
    timeout: 5_000,
  });
  // Parsed public keys by kid: parsing a PEM on every request costs more than the verify.
  const parsed = new Map<string, KeyObject>();
  const getKey = (header: JwtHeader, done: (err: Error | null, key?: KeyObject) => void) => {
    const known = header.kid ? parsed.get(header.kid) : undefined;
    if (known) return done(null, known);
    client
      .getSigningKey(header.kid)
      .then((key) => {
        const keyObject = createPublicKey(key.getPublicKey());
        if (header.kid) parsed.set(header.kid, keyObject);
        done(null, keyObject);
      })
      .catch((err: Error) => done(err));
  };
  return cachedVerifier(
    (token) =>
      new Promise((resolve, reject) => {
        jwt.verify(
          token,
          getKey,
          { algorithms: ACCESS_TOKEN_ALGORITHMS, issuer: opts.issuer, audience: opts.audience },
          (err, payload) => {
            if (err || !payload || typeof payload === 'string' || !(payload as JwtPayload).sub) {
              return reject(
                unauthorized(err?.name === 'TokenExpiredError' ? 'access token expired' : 'invalid access token'),
              );
            }
            const p = payload as JwtPayload & { email?: string };
            resolve({
              user: { id: p.sub!, ...(p.email ? { email: p.email } : {}) },
              // A token without exp (identity always sets one) is verified every time.
              expiresAtMs: typeof p.exp === 'number' ? p.exp * 1000 : 0,
            });
          },
        );
      }),
    { max: opts.cacheSize },
  );
}

/** Requires `Authorization: Bearer <access token>`; sets `req.user`. */
export function requireUser(verifier: TokenVerifier): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers.authorization;
    const match = header?.match(/^Bearer (\S+)$/i);
    if (!match) return next(unauthorized('missing bearer token in Authorization header'));
    verifier.verify(match[1]!).then(
      (user) => {
        req.user = user;
        next();
      },
      (err) => next(err instanceof HttpError ? err : unauthorized('invalid access token')),
    );
  };
}
