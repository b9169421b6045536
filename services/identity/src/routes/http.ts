import type { Request, RequestHandler, Response } from 'express';
import { HttpError, unauthorized } from '@daybook/service-kit';
import { ACCOUNT_CODE_REQUESTS, ACCOUNT_FAILURES, IP_CODE_REQUESTS, IP_FAILURES } from '../domain/rate-limit';
import { REFRESH_TOKEN_PATTERN } from '../domain/tokens';
import type { IssuedSession, SessionStore } from '../infrastructure/session-store';
import { RateLimited, type ThrottleSubject } from '../infrastructure/throttle-store';

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

/** Failures of sign-in (password or code) count per account and per client IP. */
export const signInSubjects = (email: string, req: Request): ThrottleSubject[] => [
  { scope: 'account', subject: email, policy: ACCOUNT_FAILURES },
  { scope: 'ip', subject: clientIp(req), policy: IP_FAILURES },
];

/** Login-code emails count per account and per client IP. */
export const codeRequestSubjects = (email: string, req: Request): ThrottleSubject[] => [
  { scope: 'code-account', subject: email, policy: ACCOUNT_CODE_REQUESTS },
  { scope: 'code-ip', subject: clientIp(req), policy: IP_CODE_REQUESTS },
];

/** The refresh token from the body (clients outside a browser) or else the cookie. */
export function presentedRefreshToken(req: Request, fromBody: string | undefined): string | undefined {
  return fromBody ?? readCookie(req, REFRESH_COOKIE);
}

/** Cookie parsing by hand: the one cookie identity reads. */
export function readCookie(req: Request, name: string): string | undefined {
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

/** Rejects malformed refresh tokens before any database work. */
export const plausibleRefreshToken = (token: string | undefined): token is string =>
  token !== undefined && REFRESH_TOKEN_PATTERN.test(token);

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
export function requireAccount(sessions: SessionStore): RequestHandler {
  return async (req, res, next) => {
    const match = req.headers.authorization?.match(/^Bearer (\S+)$/i);
    if (!match) return next(unauthorized('missing bearer token in Authorization header'));
    const claims = await sessions.verifyAccessToken(match[1]!);
    if (!claims) return next(unauthorized('invalid access token'));
    if ('expired' in claims) return next(unauthorized('access token expired'));
    req.user = { id: claims.userId, email: claims.email };
    res.locals.sessionId = claims.sessionId;
    next();
  };
}

/** 429s carry Retry-After. */
export const retryAfterHeader = (err: unknown, _req: Request, res: Response, next: (err: unknown) => void) => {
  if (err instanceof RateLimited) res.setHeader('retry-after', String(err.retryAfterSeconds));
  next(err);
};

export const invalidCredentials = (what: 'password' | 'code') =>
  new HttpError(401, 'unauthorized', `invalid email or ${what}`);
