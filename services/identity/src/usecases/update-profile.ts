import { userUpdated } from '@daybook/contracts';
import { profileChanges, type UpdateMeInput } from '../domain/account';
import type { User } from '../generated/prisma/client';
import type { Publish, Transact } from '../infrastructure/database';
import type { UserStore } from '../infrastructure/user-store';
import { signedInAccount } from './signed-in-account';

export type UpdateProfile = (userId: string, input: UpdateMeInput) => Promise<User>;

/**
 * Changes the display name and time zone of the signed-in person's account. A real change
 * publishes `user.updated` with it; a request that changes nothing writes and publishes nothing.
 */
export function updateProfile(deps: {
  transact: Transact;
  users: Pick<UserStore, 'findById' | 'update'>;
  publish: Publish;
  now: () => Date;
}): UpdateProfile {
  const { transact, users, publish, now } = deps;
  return async (userId, input) => {
    const user = await signedInAccount(users, userId);
    const changes = profileChanges(user, input);
    if (Object.keys(changes).length === 0) return user;
    const at = now();
    return transact(async (tx) => {
      const updated = await users.update(tx, user.id, changes, at);
      await publish(
        tx,
        userUpdated,
        {
          userId: updated.id,
          displayName: updated.displayName,
          timeZone: updated.timeZone,
          updatedAt: at.toISOString(),
        },
        { subject: updated.id },
      );
      return updated;
    });
  };
}
