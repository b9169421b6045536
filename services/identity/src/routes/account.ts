import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import { userDeleted, userRegistered, userUpdated } from '@daybook/contracts';
import { conflict, unauthorized, validate, type ServiceKit } from '@daybook/service-kit';
import { changePasswordInput, deleteAccountInput, signupInput, toUserView, updateMeInput } from '../domain/account';
import { hashPassword, verifyPassword } from '../domain/password';
import type { Database } from '../infrastructure/database';
import type { SessionStore } from '../infrastructure/session-store';
import type { ThrottleStore } from '../infrastructure/throttle-store';
import { clearRefreshCookie, requireAccount, sendSession, signInSubjects } from './http';

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === 'P2002';

/** Sign-up and the signed-in person's own account: /api/identity/signup, /me, /password. */
export function accountRoutes(kit: ServiceKit, db: Database, sessions: SessionStore, throttle: ThrottleStore): Router {
  const router = Router();
  const signedIn = requireAccount(sessions);

  /** The caller's account; a token whose account was deleted is no longer accepted. */
  async function currentUser(req: Request) {
    const user = await db.user.findUnique({ where: { id: req.user!.id } });
    if (!user) throw unauthorized('account no longer exists');
    return user;
  }

  /** Checks the caller's password; wrong guesses count towards the sign-in rate limits. */
  async function confirmPassword(req: Request, user: { email: string; passwordHash: string }, password: string) {
    const subjects = signInSubjects(user.email, req);
    await throttle.check(subjects);
    if (!(await verifyPassword(password, user.passwordHash))) {
      await throttle.fail(subjects);
      throw unauthorized('password is incorrect');
    }
  }

  router.post('/api/identity/signup', async (req, res) => {
    const input = validate(signupInput, req.body, 'body');
    const passwordHash = await hashPassword(input.password);
    const now = new Date();
    try {
      const issued = await db.$transaction(async (tx) => {
        const user = await tx.user.create({
          data: {
            id: randomUUID(),
            email: input.email,
            passwordHash,
            displayName: input.displayName ?? null,
            timeZone: input.timeZone,
            createdAt: now,
            updatedAt: now,
          },
        });
        await kit.publish(
          tx,
          userRegistered,
          { userId: user.id, email: user.email, timeZone: user.timeZone, registeredAt: now.toISOString() },
          { subject: user.id },
        );
        return sessions.start(tx, user, now);
      });
      sendSession(req, res, 201, issued);
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('an account with this email already exists');
      throw err;
    }
  });

  router.get('/api/identity/me', signedIn, async (req, res) => {
    res.json(toUserView(await currentUser(req)));
  });

  router.patch('/api/identity/me', signedIn, async (req, res) => {
    const input = validate(updateMeInput, req.body, 'body');
    const user = await currentUser(req);
    const changes = {
      ...(input.displayName !== undefined && input.displayName !== user.displayName
        ? { displayName: input.displayName }
        : {}),
      ...(input.timeZone !== undefined && input.timeZone !== user.timeZone ? { timeZone: input.timeZone } : {}),
    };
    if (Object.keys(changes).length === 0) return void res.json(toUserView(user));
    const now = new Date();
    const updated = await db.$transaction(async (tx) => {
      const next = await tx.user.update({ where: { id: user.id }, data: { ...changes, updatedAt: now } });
      await kit.publish(
        tx,
        userUpdated,
        { userId: next.id, displayName: next.displayName, timeZone: next.timeZone, updatedAt: now.toISOString() },
        { subject: next.id },
      );
      return next;
    });
    res.json(toUserView(updated));
  });

  router.post('/api/identity/password', signedIn, async (req, res) => {
    const input = validate(changePasswordInput, req.body, 'body');
    const user = await currentUser(req);
    await confirmPassword(req, user, input.currentPassword);
    const passwordHash = await hashPassword(input.newPassword);
    await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { passwordHash, updatedAt: new Date() } });
      // Every other device signs in again; the session this request came from stays.
      await sessions.revokeOthers(tx, user.id, res.locals.sessionId!, 'password-changed');
      await tx.loginCode.updateMany({ where: { userId: user.id, consumedAt: null }, data: { consumedAt: new Date() } });
    });
    res.status(204).end();
  });

  router.delete('/api/identity/me', signedIn, async (req, res) => {
    const input = validate(deleteAccountInput, req.body ?? {}, 'body');
    const user = await currentUser(req);
    await confirmPassword(req, user, input.password);
    await db.$transaction(async (tx) => {
      // Sessions, refresh tokens and login codes go with the user (ON DELETE CASCADE).
      await tx.user.delete({ where: { id: user.id } });
      await kit.publish(
        tx,
        userDeleted,
        { userId: user.id, deletedAt: new Date().toISOString() },
        { subject: user.id },
      );
    });
    clearRefreshCookie(req, res);
    res.status(204).end();
  });

  return router;
}
