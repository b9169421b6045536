import type { SealingKeyStore } from '@daybook/service-kit';
import { invalidCredentials } from '../domain/errors';
import { loginCodeMatches, loginCodeUsable } from '../domain/login-code';
import { signInSubjects } from '../domain/rate-limit';
import type { Transact } from '../infrastructure/database';
import type { LoginCodeStore } from '../infrastructure/login-code-store';
import type { ThrottleStore } from '../infrastructure/throttle-store';
import type { UserStore } from '../infrastructure/user-store';
import type { IssuedSession, SessionIssuer } from './issue-session';

export interface VerifyLoginCodeInput {
  email: string;
  code: string;
  /** The client's address: failures count per account and per address. */
  ip: string;
}

export type VerifyLoginCode = (input: VerifyLoginCodeInput) => Promise<IssuedSession>;

/**
 * Signs in with the newest code emailed to an account: once, before it expires, and not
 * after too many wrong guesses. Every failure gets the same answer and counts towards the
 * sign-in limits, as a wrong password does.
 */
export function verifyLoginCode(deps: {
  transact: Transact;
  users: Pick<UserStore, 'findByEmail'>;
  loginCodes: Pick<LoginCodeStore, 'newestUnused' | 'countWrongGuess' | 'consume'>;
  throttle: Pick<ThrottleStore, 'check' | 'fail' | 'succeed'>;
  issuer: Pick<SessionIssuer, 'start'>;
  /** The login-code sealing keys: stored codes are hashed with a key derived from them. */
  sealingKeys: SealingKeyStore;
  now: () => Date;
}): VerifyLoginCode {
  const { transact, users, loginCodes, throttle, issuer, sealingKeys, now } = deps;
  return async ({ email, code, ip }) => {
    const subjects = signInSubjects(email, ip);
    await throttle.check(subjects);
    const user = await users.findByEmail(email);
    const keys = await sealingKeys.keys();
    const at = now();
    const issued = !user
      ? undefined
      : await transact(async (tx): Promise<IssuedSession | undefined> => {
          const row = await loginCodes.newestUnused(tx, user.id);
          if (!row || !loginCodeUsable(row, at)) return undefined;
          if (!loginCodeMatches(keys, row.id, code, row.codeHash)) {
            await loginCodes.countWrongGuess(tx, row.id);
            return undefined;
          }
          // Single use: only one request can consume it, even when two race.
          return (await loginCodes.consume(tx, row.id, at)) ? issuer.start(tx, user, at) : undefined;
        });
    if (!issued) {
      await throttle.fail(subjects);
      throw invalidCredentials('code');
    }
    await throttle.succeed(subjects);
    return issued;
  };
}
