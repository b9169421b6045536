import type { Logger } from '@daybook/service-kit';
import type { AuditStore } from '../infrastructure/audit-store';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Entries removed per statement: each batch is its own short transaction. */
export const SWEEP_BATCH = 5_000;

/** Removes the entries older than the retention period; returns how many went. */
export type SweepExpiredHistory = () => Promise<number>;

/**
 * The retention sweep (run by the audit-retention job): entries of events that happened
 * more than `retentionDays` ago are removed, a batch at a time, through the database's
 * guarded retention function (the only way besides an account's purge to remove history).
 */
export function sweepExpiredHistory(deps: {
  store: Pick<AuditStore, 'deleteOlderThan'>;
  retentionDays: number;
  log: Pick<Logger, 'info'>;
  now: () => Date;
}): SweepExpiredHistory {
  return async () => {
    const cutoff = new Date(deps.now().getTime() - deps.retentionDays * DAY_MS);
    let removed = 0;
    for (;;) {
      const batch = await deps.store.deleteOlderThan(cutoff, SWEEP_BATCH);
      removed += batch;
      if (batch < SWEEP_BATCH) break;
    }
    deps.log.info(
      { removed, cutoff: cutoff.toISOString(), retentionDays: deps.retentionDays },
      'expired history swept',
    );
    return removed;
  };
}
