import { invalidCredentials } from '../domain/errors';
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from '../domain/password';
import { signInSubjects } from '../domain/rate-limit';
import type { Transact } from '../infrastructure/database';
import type { ThrottleStore } from '../infrastructure/throttle-store';
import type { UserStore } from '../infrastructure/user-store';
import type { IssuedSession, SessionIssuer } from './issue-session';

export interface LogInInput {
  email: string;
  password: string;
  /** The client's address: failures count per account and per address. */
  ip: string;
}

export type LogIn = (input: LogInInput) => Promise<IssuedSession>;

/**
 * Signs in with a password. A wrong password and an unknown email cost the same work and
 * get the same answer; each failure counts towards the rate limits, which a success resets.
 * A hash made with weaker parameters than today's is upgraded on the way.
 */
export function logIn(deps: {
  transact: Transact;
  users: Pick<UserStore, 'findByEmail' | 'upgradePasswordHash'>;
  throttle: Pick<ThrottleStore, 'check' | 'fail' | 'succeed'>;
  issuer: Pick<SessionIssuer, 'start'>;
  now: () => Date;
}): LogIn {
  const { transact, users, throttle, issuer, now } = deps;
  return async ({ email, password, ip }) => {
    const subjects = signInSubjects(email, ip);
    await throttle.check(subjects);
    const user = await users.findByEmail(email);
    const ok = user ? await verifyPassword(password, user.passwordHash) : await burnPasswordCheck(password);
    if (!user || !ok) {
      await throttle.fail(subjects);
      throw invalidCredentials('password');
    }
    await throttle.succeed(subjects);
    if (needsRehash(user.passwordHash)) await users.upgradePasswordHash(user.id, await hashPassword(password));
    return transact((tx) => issuer.start(tx, user, now()));
  };
}
