import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { HttpError, unauthorized } from '@daybook/service-kit';
import { RateLimited, Unauthenticated } from '../domain/errors';
import type { IssuedSession } from '../usecases/issue-session';
import type { VerifyAccessToken } from '../usecases/verify-access-token';

/** The refresh-token cookie: httpOnly, only sent to identity's own paths, same site only. */
export const REFRESH_COOKIE = 'daybook_refresh';
const COOKIE_PATH = '/api/identity';

declare module 'express-serve-static-core' {
  interface Locals {
    /** The session the caller's access token was issued for (set by requireAccount). */
    sessionId?: string;
  }
}

/** The client's address: `req.ip` honours X-Forwarded-For only from loopback proxies (the kit's trust proxy). */
export const clientIp = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/** The refresh token from the body (clients outside a browser) or else the cookie. */
export function presentedRefreshToken(req: Pick<Request, 'headers'>, fromBody: string | undefined): string | undefined {
  return fromBody ?? readCookie(req, REFRESH_COOKIE);
}

/** Cookie parsing by hand: the one cookie identity reads. */
export function readCookie(req: Pick<Request, 'headers'>, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Answers with a Session, setting the refresh cookie (Secure when the request came over https). */
export function sendSession(req: Request, res: Response, status: number, issued: IssuedSession): void {
  res
    .status(status)
    .setHeader('cache-control', 'no-store')
    .cookie(REFRESH_COOKIE, issued.refreshToken, {
      httpOnly: true,
      secure: req.secure,
      sameSite: 'strict',
      path: COOKIE_PATH,
      expires: issued.refreshTokenExpiresAt,
    })
    .json(issued.view);
}

export function clearRefreshCookie(req: Request, res: Response): void {
  res.clearCookie(REFRESH_COOKIE, { httpOnly: true, secure: req.secure, sameSite: 'strict', path: COOKIE_PATH });
}

/**
 * Bearer access token, verified against identity's own keys (no round trip to its own
 * JWKS); sets `req.user` and `res.locals.sessionId`.
 */
export function requireAccount(verifyAccessToken: VerifyAccessToken): RequestHandler {
  return async (req, res, next) => {
    const match = req.headers.authorization?.match(/^Bearer (\S+)$/i);
    if (!match) return next(unauthorized('missing bearer token in Authorization header'));
    const claims = await verifyAccessToken(match[1]!);
    req.user = { id: claims.userId, email: claims.email };
    res.locals.sessionId = claims.sessionId;
    next();
  };
}

/**
 * Identity's own domain errors as HTTP: Unauthenticated is a 401, RateLimited a 429 with
 * Retry-After. Everything else goes on to the kit's error handler.
 */
export const identityErrors: ErrorRequestHandler = (err, _req, res, next) => {
  if (err instanceof Unauthenticated) return next(unauthorized(err.message));
  if (err instanceof RateLimited) {
    res.setHeader('retry-after', String(err.retryAfterSeconds));
    return next(new HttpError(429, err.code, err.message, { retryAfterSeconds: err.retryAfterSeconds }));
  }
  next(err);
};
