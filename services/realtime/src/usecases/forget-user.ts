import type { ChangeLog } from '../infrastructure/change-log';
import type { Tx } from '../infrastructure/database';

export type ForgetUser = (tx: Tx, userId: string) => Promise<void>;

/**
 * An account was deleted: its change log and sequence go. A device still holding a cursor
 * of it gets `resync` (its cursor is now from the future).
 */
export function forgetUser({ log }: { log: ChangeLog }): ForgetUser {
  return (tx, userId) => log.removeUser(tx, userId);
}
