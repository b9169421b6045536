import { Router } from 'express';
import { validate } from '@daybook/service-kit';
import { loginInput, refreshInput } from '../domain/account';
import { RefreshRejected } from '../domain/errors';
import type { LogIn } from '../usecases/log-in';
import type { LogOut } from '../usecases/log-out';
import type { RefreshSession } from '../usecases/refresh-session';
import { clearRefreshCookie, clientIp, presentedRefreshToken, sendSession } from './http';

/** Signing in with a password, refreshing and signing out: /api/identity/login, /refresh, /logout. */
export function sessionRoutes(usecases: { logIn: LogIn; refreshSession: RefreshSession; logOut: LogOut }): Router {
  const { logIn, refreshSession, logOut } = usecases;
  const router = Router();

  router.post('/api/identity/login', async (req, res) => {
    const input = validate(loginInput, req.body, 'body');
    sendSession(req, res, 200, await logIn({ ...input, ip: clientIp(req) }));
  });

  router.post('/api/identity/refresh', async (req, res) => {
    const input = validate(refreshInput, req.body ?? {}, 'body');
    try {
      sendSession(req, res, 200, await refreshSession(presentedRefreshToken(req, input.refreshToken)));
    } catch (err) {
      // A token that can never work again is not kept in the browser.
      if (err instanceof RefreshRejected) clearRefreshCookie(req, res);
      throw err;
    }
  });

  router.post('/api/identity/logout', async (req, res) => {
    const input = validate(refreshInput, req.body ?? {}, 'body');
    await logOut(presentedRefreshToken(req, input.refreshToken));
    clearRefreshCookie(req, res);
    res.status(204).end();
  });

  return router;
}
