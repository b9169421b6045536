import { hashPassword } from '../domain/password';
import type { Transact } from '../infrastructure/database';
import type { LoginCodeStore } from '../infrastructure/login-code-store';
import type { SessionStore } from '../infrastructure/session-store';
import type { ThrottleStore } from '../infrastructure/throttle-store';
import type { UserStore } from '../infrastructure/user-store';
import { confirmPassword, signedInAccount } from './signed-in-account';

export interface ChangePasswordInput {
  userId: string;
  /** The session the request came from: it stays signed in. */
  sessionId: string;
  currentPassword: string;
  newPassword: string;
  ip: string;
}

export type ChangePassword = (input: ChangePasswordInput) => Promise<void>;

/**
 * Replaces the password, given the current one. Every other session of the account ends
 * and unused login codes are voided, so whoever knew the old password is out.
 */
export function changePassword(deps: {
  transact: Transact;
  users: Pick<UserStore, 'findById' | 'setPassword'>;
  sessions: Pick<SessionStore, 'revokeOthers'>;
  loginCodes: Pick<LoginCodeStore, 'voidUnused'>;
  throttle: Pick<ThrottleStore, 'check' | 'fail'>;
  now: () => Date;
}): ChangePassword {
  const { transact, users, sessions, loginCodes, throttle, now } = deps;
  return async ({ userId, sessionId, currentPassword, newPassword, ip }) => {
    const user = await signedInAccount(users, userId);
    await confirmPassword(throttle, user, currentPassword, ip);
    const passwordHash = await hashPassword(newPassword);
    const at = now();
    await transact(async (tx) => {
      await users.setPassword(tx, user.id, passwordHash, at);
      await sessions.revokeOthers(tx, user.id, sessionId, 'password-changed', at);
      await loginCodes.voidUnused(tx, user.id, at);
    });
  };
}
