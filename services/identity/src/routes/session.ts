import { Router } from 'express';
import { unauthorized, validate } from '@daybook/service-kit';
import { loginInput, refreshInput } from '../domain/account';
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from '../domain/password';
import type { Database } from '../infrastructure/database';
import type { SessionStore } from '../infrastructure/session-store';
import type { ThrottleStore } from '../infrastructure/throttle-store';
import {
  clearRefreshCookie,
  invalidCredentials,
  plausibleRefreshToken,
  presentedRefreshToken,
  sendSession,
  signInSubjects,
} from './http';

/** Signing in with a password, refreshing and signing out: /api/identity/login, /refresh, /logout. */
export function sessionRoutes(db: Database, sessions: SessionStore, throttle: ThrottleStore): Router {
  const router = Router();

  router.post('/api/identity/login', async (req, res) => {
    const input = validate(loginInput, req.body, 'body');
    const subjects = signInSubjects(input.email, req);
    await throttle.check(subjects);
    const user = await db.user.findUnique({ where: { email: input.email } });
    // An unknown email costs the same hashing work and gets the same answer as a wrong password.
    const ok = user ? await verifyPassword(input.password, user.passwordHash) : await burnPasswordCheck(input.password);
    if (!user || !ok) {
      await throttle.fail(subjects);
      throw invalidCredentials('password');
    }
    await throttle.succeed(subjects);
    if (needsRehash(user.passwordHash)) {
      const passwordHash = await hashPassword(input.password);
      await db.user.update({ where: { id: user.id }, data: { passwordHash } });
    }
    sendSession(req, res, 200, await db.$transaction((tx) => sessions.start(tx, user)));
  });

  router.post('/api/identity/refresh', async (req, res) => {
    const input = validate(refreshInput, req.body ?? {}, 'body');
    const token = presentedRefreshToken(req, input.refreshToken);
    if (!token) throw unauthorized('missing refresh token');
    const result = plausibleRefreshToken(token) ? await sessions.rotate(token) : undefined;
    if (result?.outcome !== 'rotated') {
      clearRefreshCookie(req, res);
      throw unauthorized(
        result?.reason === 'expired' ? 'refresh token expired' : 'invalid refresh token: sign in again',
      );
    }
    sendSession(req, res, 200, result.issued);
  });

  router.post('/api/identity/logout', async (req, res) => {
    const input = validate(refreshInput, req.body ?? {}, 'body');
    const token = presentedRefreshToken(req, input.refreshToken);
    if (plausibleRefreshToken(token)) await sessions.revokeByToken(token, 'logout');
    clearRefreshCookie(req, res);
    res.status(204).end();
  });

  return router;
}
