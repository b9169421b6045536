import { createPublicKey, type KeyObject } from 'node:crypto';
import type { RequestHandler } from 'express';
import jwt, { type JwtHeader, type JwtPayload } from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
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

/**
 * Verifies access tokens locally against identity's JWKS (keys cached, refetched when a
 * token names an unknown `kid`, so key rotation needs no restart).
 */
export function jwksTokenVerifier(opts: { jwksUrl: string; issuer: string; audience: string }): TokenVerifier {
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
  return {
    verify: (token) =>
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
            resolve({ id: p.sub!, ...(p.email ? { email: p.email } : {}) });
          },
        );
      }),
  };
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
