import { Unauthenticated } from '../domain/errors';
import { verifyPassword } from '../domain/password';
import { signInSubjects } from '../domain/rate-limit';
import type { User } from '../generated/prisma/client';
import type { ThrottleStore } from '../infrastructure/throttle-store';
import type { UserStore } from '../infrastructure/user-store';

// Steps the use cases of a signed-in person's own account share.

/** The caller's account; a token whose account was deleted is no longer accepted. */
export async function signedInAccount(users: Pick<UserStore, 'findById'>, userId: string): Promise<User> {
  const user = await users.findById(userId);
  if (!user) throw new Unauthenticated('account no longer exists');
  return user;
}

/** Checks the caller's password before a sensitive change; wrong guesses count towards the sign-in rate limits. */
export async function confirmPassword(
  throttle: Pick<ThrottleStore, 'check' | 'fail'>,
  user: Pick<User, 'email' | 'passwordHash'>,
  password: string,
  ip: string,
): Promise<void> {
  const subjects = signInSubjects(user.email, ip);
  await throttle.check(subjects);
  if (!(await verifyPassword(password, user.passwordHash))) {
    await throttle.fail(subjects);
    throw new Unauthenticated('password is incorrect');
  }
}
