import type { AuditRecord, HistoryEntry, HistoryFilter, HistoryPage, PageRequest } from '../domain/audit-entry';
import type { Prisma } from '../generated/prisma/client';
import type { Database, Tx } from './database';

/** JSON columns take no JavaScript null (that would be JSON `null`): a missing value is SQL NULL. */
const json = (value: unknown) => (value === null ? undefined : (value as Prisma.InputJsonValue));

const whereOf = (filter: HistoryFilter, cursor?: bigint): Prisma.AuditEntryWhereInput => ({
  userId: filter.userId,
  entityType: filter.entityType,
  entityId: filter.entityId,
  ...(filter.eventTypes ? { eventType: { in: filter.eventTypes } } : {}),
  ...(filter.from || filter.to ? { occurredAt: { gte: filter.from, lt: filter.to } } : {}),
  ...(cursor !== undefined ? { id: { lt: cursor } } : {}),
});

/**
 * Persistence of the history (audit.audit_entries). The database keeps it append-only:
 * UPDATE, DELETE and TRUNCATE are refused by triggers, and entries go only through the
 * two guarded functions the migrations define (forget_user_history, sweep_history_before).
 * Writes happen in the caller's transaction (an event's, beside its inbox record); reads
 * on the service's client.
 */
export class AuditStore {
  constructor(private readonly db: Database) {}

  /** Appends an entry; an event already recorded (same event id) is left as it was. */
  async append(tx: Tx, record: AuditRecord): Promise<void> {
    await tx.auditEntry.createMany({
      data: [{ ...record, before: json(record.before), after: json(record.after), changes: json(record.changes) }],
      skipDuplicates: true,
    });
  }

  /** Removes every entry of a user (the database's purge function); returns how many there were. */
  async deleteUserHistory(tx: Tx, userId: string): Promise<number> {
    const [row] = await tx.$queryRaw<{ removed: bigint }[]>`SELECT forget_user_history(${userId}::uuid) AS removed`;
    return Number(row?.removed ?? 0);
  }

  /**
   * Removes up to `batch` of the oldest entries that happened before `cutoff` (the
   * database's retention function, which refuses a cutoff less than a day old).
   */
  async deleteOlderThan(cutoff: Date, batch: number): Promise<number> {
    const [row] = await this.db.$queryRaw<{ removed: bigint }[]>`
      SELECT sweep_history_before(${cutoff}::timestamptz, ${batch}::integer) AS removed`;
    return Number(row?.removed ?? 0);
  }

  /** Entries matching `filter`, newest (highest id) first, older than `cursor` if given. */
  async page(filter: HistoryFilter, { limit, cursor }: PageRequest): Promise<HistoryPage> {
    const rows = await this.db.auditEntry.findMany({
      where: whereOf(filter, cursor),
      orderBy: { id: 'desc' },
      take: limit + 1,
    });
    const entries = rows.slice(0, limit) as HistoryEntry[];
    return { entries, nextCursor: rows.length > limit ? entries[entries.length - 1]!.id : null };
  }

  /** Whether any entry matches `filter`, on any page. */
  async hasAny(filter: HistoryFilter): Promise<boolean> {
    return (await this.db.auditEntry.findFirst({ where: whereOf(filter), select: { id: true } })) !== null;
  }
}
