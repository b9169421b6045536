import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { loginCodeRequested, loginCodeSealing } from '@daybook/contracts';
import { seal, validate, type ServiceKit } from '@daybook/service-kit';
import { loginCodeRequestInput, loginCodeVerifyInput } from '../domain/account';
import {
  LOGIN_CODE_MAX_ATTEMPTS,
  LOGIN_CODE_TTL_MS,
  hashLoginCode,
  loginCodeMatches,
  loginCodeUsable,
  newLoginCode,
} from '../domain/login-code';
import type { Database } from '../infrastructure/database';
import { loginCodeSealingKeys } from '../infrastructure/login-code-sealing';
import type { IssuedSession, SessionStore } from '../infrastructure/session-store';
import type { ThrottleStore } from '../infrastructure/throttle-store';
import { codeRequestSubjects, invalidCredentials, sendSession, signInSubjects } from './http';

/** Signing in with a one-time code sent by email: /api/identity/login-code and /login-code/verify. */
export function loginCodeRoutes(
  kit: ServiceKit,
  db: Database,
  sessions: SessionStore,
  throttle: ThrottleStore,
): Router {
  const router = Router();
  const sealingKeys = loginCodeSealingKeys(kit);

  router.post('/api/identity/login-code', async (req, res) => {
    const { email } = validate(loginCodeRequestInput, req.body, 'body');
    // Counted per email whether or not it has an account, so limits reveal nothing either.
    const subjects = codeRequestSubjects(email, req);
    await throttle.check(subjects);
    await throttle.fail(subjects);
    const user = await db.user.findUnique({ where: { email } });
    if (user) {
      const now = new Date();
      const id = randomUUID();
      const code = newLoginCode();
      const expiresAt = new Date(now.getTime() + LOGIN_CODE_TTL_MS);
      // The event sits in Kafka, the outbox and every consumer's reach: only notifications,
      // which holds the key, can read the code in it.
      const sealedCode = seal(await sealingKeys.keys(), code, loginCodeSealing.context(user.id));
      await db.$transaction(async (tx) => {
        // Only the newest code is valid: earlier unused ones are voided.
        await tx.loginCode.updateMany({ where: { userId: user.id, consumedAt: null }, data: { consumedAt: now } });
        await tx.loginCode.create({
          data: { id, userId: user.id, codeHash: hashLoginCode(id, code), createdAt: now, expiresAt },
        });
        await kit.publish(
          tx,
          loginCodeRequested,
          { userId: user.id, email: user.email, sealedCode, expiresAt: expiresAt.toISOString() },
          { subject: user.id },
        );
      });
    }
    res.status(202).end();
  });

  router.post('/api/identity/login-code/verify', async (req, res) => {
    const input = validate(loginCodeVerifyInput, req.body, 'body');
    const subjects = signInSubjects(input.email, req);
    await throttle.check(subjects);
    const user = await db.user.findUnique({ where: { email: input.email } });
    const now = new Date();
    const issued = !user
      ? undefined
      : await db.$transaction(async (tx): Promise<IssuedSession | undefined> => {
          const row = await tx.loginCode.findFirst({
            where: { userId: user.id, consumedAt: null },
            orderBy: { createdAt: 'desc' },
          });
          if (!row || !loginCodeUsable(row, now)) return undefined;
          if (!loginCodeMatches(row.id, input.code, row.codeHash)) {
            await tx.loginCode.updateMany({
              where: { id: row.id, attempts: { lt: LOGIN_CODE_MAX_ATTEMPTS } },
              data: { attempts: { increment: 1 } },
            });
            return undefined;
          }
          // Single use: only one request can consume it, even when two race.
          const consumed = await tx.loginCode.updateMany({
            where: { id: row.id, consumedAt: null, attempts: { lt: LOGIN_CODE_MAX_ATTEMPTS }, expiresAt: { gt: now } },
            data: { consumedAt: now },
          });
          return consumed.count === 1 ? sessions.start(tx, user, now) : undefined;
        });
    if (!issued) {
      await throttle.fail(subjects);
      throw invalidCredentials('code');
    }
    await throttle.succeed(subjects);
    sendSession(req, res, 200, issued);
  });

  return router;
}
