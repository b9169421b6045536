import type { AuditRecord, HistoryFilter, HistoryPage, PageRequest } from '../domain/audit-entry';
import type { Prisma } from '../generated/prisma/client';
import type { Database, Tx } from './database';

/** JSON columns take no JavaScript null (that would be JSON `null`): a missing value is SQL NULL. */
const json = (value: unknown) => (value === null ? undefined : (value as Prisma.InputJsonValue));

/**
 * Persistence of the history (audit.audit_entries): append-only, except that a deleted
 * account's entries go with it. Writes happen in the caller's transaction (an event's,
 * beside its inbox record); reads on the service's client.
 */
export class AuditStore {
  constructor(private readonly db: Database) {}

  async append(tx: Tx, record: AuditRecord): Promise<void> {
    await tx.auditEntry.create({ data: { ...record, before: json(record.before), after: json(record.after) } });
  }

  /** Removes every entry of a user; returns how many there were. */
  async deleteUserHistory(tx: Tx, userId: string): Promise<number> {
    const { count } = await tx.auditEntry.deleteMany({ where: { userId } });
    return count;
  }

  /** Entries matching `filter`, newest (highest id) first, older than `cursor` if given. */
  async page(filter: HistoryFilter, { limit, cursor }: PageRequest): Promise<HistoryPage> {
    const rows = await this.db.auditEntry.findMany({
      where: { ...filter, ...(cursor !== undefined ? { id: { lt: cursor } } : {}) },
      orderBy: { id: 'desc' },
      take: limit + 1,
    });
    const entries = rows.slice(0, limit);
    return { entries, nextCursor: rows.length > limit ? entries[entries.length - 1]!.id : null };
  }

  /** Whether any entry matches `filter`, on any page. */
  async hasAny(filter: HistoryFilter): Promise<boolean> {
    return (await this.db.auditEntry.findFirst({ where: filter, select: { id: true } })) !== null;
  }
}
