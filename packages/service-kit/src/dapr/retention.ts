import { ident, type SqlExecutor } from '../database';

/** How long the kit keeps rows that have done their job. */
export interface RetentionPolicy {
  /** Published outbox rows: kept a while to look at and to replay by hand. */
  outboxHours: number;
  /**
   * Inbox records (ids of applied events): must outlast any redelivery, including a replay
   * from the broker's retention window, or a replayed event would be applied twice.
   */
  inboxHours: number;
}

const BATCH = 10_000;

/**
 * Deletes published outbox rows and inbox records older than the policy allows, in
 * batches so no single statement holds many locks. Safe to run from every replica at once.
 */
export async function sweepRetention(
  db: SqlExecutor,
  schema: string,
  policy: RetentionPolicy,
): Promise<{ outbox: number; inbox: number }> {
  const deleteOlder = async (table: string, column: string, hours: number) => {
    let total = 0;
    for (;;) {
      const deleted = await db.$executeRawUnsafe(
        `DELETE FROM ${ident(schema)}.${table} WHERE ctid IN (
           SELECT ctid FROM ${ident(schema)}.${table}
            WHERE ${column} < now() - make_interval(secs => $1::float8) LIMIT ${BATCH})`,
        hours * 3600,
      );
      total += deleted;
      if (deleted < BATCH) return total;
    }
  };
  return {
    outbox: await deleteOlder('outbox_events', 'published_at', policy.outboxHours),
    inbox: await deleteOlder('processed_events', 'processed_at', policy.inboxHours),
  };
}
