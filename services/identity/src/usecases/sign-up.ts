import { userRegistered } from '@daybook/contracts';
import type { SignupInput } from '../domain/account';
import { hashPassword } from '../domain/password';
import type { Publish, Transact } from '../infrastructure/database';
import type { UserStore } from '../infrastructure/user-store';
import type { IssuedSession, SessionIssuer } from './issue-session';

export type SignUp = (input: SignupInput) => Promise<IssuedSession>;

/**
 * Creates an account and signs it in: the account, `user.registered` and the first session
 * commit together. An email already taken is a Conflict.
 */
export function signUp(deps: {
  transact: Transact;
  users: Pick<UserStore, 'create'>;
  issuer: Pick<SessionIssuer, 'start'>;
  publish: Publish;
  now: () => Date;
}): SignUp {
  const { transact, users, issuer, publish, now } = deps;
  return async (input) => {
    const passwordHash = await hashPassword(input.password);
    const at = now();
    return transact(async (tx) => {
      const user = await users.create(tx, {
        email: input.email,
        passwordHash,
        displayName: input.displayName ?? null,
        timeZone: input.timeZone,
        createdAt: at,
      });
      await publish(
        tx,
        userRegistered,
        { userId: user.id, email: user.email, timeZone: user.timeZone, registeredAt: at.toISOString() },
        { subject: user.id },
      );
      return issuer.start(tx, user, at);
    });
  };
}
