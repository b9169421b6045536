import type { User } from '../generated/prisma/client';
import type { UserStore } from '../infrastructure/user-store';
import { signedInAccount } from './signed-in-account';

export type ReadProfile = (userId: string) => Promise<User>;

/** The signed-in person's account. One deleted since the token was issued: Unauthenticated. */
export function readProfile(deps: { users: Pick<UserStore, 'findById'> }): ReadProfile {
  return (userId) => signedInAccount(deps.users, userId);
}
