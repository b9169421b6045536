import { userDeleted } from '@daybook/contracts';
import type { Publish, Transact } from '../infrastructure/database';
import type { ThrottleStore } from '../infrastructure/throttle-store';
import type { UserStore } from '../infrastructure/user-store';
import { confirmPassword, signedInAccount } from './signed-in-account';

export interface DeleteAccountInput {
  userId: string;
  password: string;
  ip: string;
}

export type DeleteAccount = (input: DeleteAccountInput) => Promise<void>;

/**
 * Deletes the signed-in person's account, given its password, with its sessions and codes,
 * and publishes `user.deleted` so every other service forgets the person too.
 */
export function deleteAccount(deps: {
  transact: Transact;
  users: Pick<UserStore, 'findById' | 'delete'>;
  throttle: Pick<ThrottleStore, 'check' | 'fail'>;
  publish: Publish;
  now: () => Date;
}): DeleteAccount {
  const { transact, users, throttle, publish, now } = deps;
  return async ({ userId, password, ip }) => {
    const user = await signedInAccount(users, userId);
    await confirmPassword(throttle, user, password, ip);
    await transact(async (tx) => {
      await users.delete(tx, user.id);
      await publish(tx, userDeleted, { userId: user.id, deletedAt: now().toISOString() }, { subject: user.id });
    });
  };
}
