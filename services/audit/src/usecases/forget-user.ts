import type { Logger } from '@daybook/service-kit';
import type { AuditStore } from '../infrastructure/audit-store';
import type { Tx } from '../infrastructure/database';

/** Removes a deleted account's whole history, in `tx`; returns how many entries went. */
export type ForgetUser = (userId: string, tx: Tx) => Promise<number>;

/**
 * An account was deleted: its history goes too (the right to be forgotten outweighs the
 * append-only rule). The database refuses any other DELETE; this one goes through its
 * guarded purge function (prisma/audit/migrations/…_guarded_deletion_and_diffs).
 */
export function forgetUser(deps: { store: Pick<AuditStore, 'deleteUserHistory'>; log: Logger }): ForgetUser {
  return async (userId, tx) => {
    const entries = await deps.store.deleteUserHistory(tx, userId);
    deps.log.info({ userId, entries }, 'history of a deleted account removed');
    return entries;
  };
}
