import { randomUUID } from 'node:crypto';
import { NotFound } from '@daybook/service-kit';
import type { Prisma } from '../generated/prisma/client';
import { encodeCursor, type ListEntriesQuery } from '../domain/entry-input';
import type { EntryRecord } from '../domain/entry-view';
import type { Database, Tx } from './database';

export type NewEntry = Pick<EntryRecord, 'userId' | 'body' | 'mood' | 'tags' | 'writtenAt' | 'writtenOn' | 'timeZone'>;
export type EntryColumns = Partial<Omit<NewEntry, 'userId'>> & { deletedAt?: Date | null };
const withInsight = { insight: true } satisfies Prisma.EntryInclude;

/** The users' journal entries: persistence only. */
export class EntryStore {
  constructor(private readonly db: Database) {}

  async insert(tx: Tx, columns: NewEntry): Promise<EntryRecord> {
    const now = new Date();
    return tx.entry.create({ data: { ...columns, id: randomUUID(), createdAt: now, updatedAt: now } });
  }

  /** The user's entry, locked for a change; NotFound for anyone else's. */
  async lock(tx: Tx, userId: string, id: string): Promise<EntryRecord> {
    const locked = await tx.$queryRawUnsafe<{ id: string }[]>(
      'SELECT id::text FROM entries WHERE id = $1::uuid AND user_id = $2::uuid FOR UPDATE',
      id,
      userId,
    );
    if (locked.length === 0) throw new NotFound('entry');
    return tx.entry.findUniqueOrThrow({ where: { id } });
  }

  /** Any entry, locked (for the analysis, which acts for the entry's owner). */
  async lockById(tx: Tx, id: string): Promise<EntryRecord | null> {
    const locked = await tx.$queryRawUnsafe<{ id: string }[]>(
      'SELECT id::text FROM entries WHERE id = $1::uuid FOR UPDATE',
      id,
    );
    return locked.length ? tx.entry.findUnique({ where: { id } }) : null;
  }

  /** Writes the columns and the next version. */
  update(tx: Tx, before: EntryRecord, columns: EntryColumns): Promise<EntryRecord> {
    return tx.entry.update({
      where: { id: before.id },
      data: { ...columns, version: before.version + 1, updatedAt: new Date() },
    });
  }

  async find(userId: string, id: string) {
    const entry = await this.db.entry.findFirst({ where: { id, userId }, include: withInsight });
    if (!entry) throw new NotFound('entry');
    return entry;
  }

  /** Every entry of the user's not deleted, oldest written first, with insights (their export). */
  allOf(userId: string) {
    return this.db.entry.findMany({
      where: { userId, deletedAt: null },
      include: withInsight,
      orderBy: [{ writtenAt: 'asc' }, { id: 'asc' }],
    });
  }

  findById(tx: Tx, id: string): Promise<EntryRecord | null> {
    return tx.entry.findUnique({ where: { id } });
  }

  /**
   * One page of the user's entries, newest written first, and the next page's cursor.
   * Keyset pagination on (written_at, id): entries written meanwhile never shift a page.
   */
  async page(userId: string, q: ListEntriesQuery) {
    const params: unknown[] = [userId];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = ['e.user_id = $1::uuid', q.deleted ? 'e.deleted_at IS NOT NULL' : 'e.deleted_at IS NULL'];
    if (q.q) where.push(`e.search @@ websearch_to_tsquery('english', ${p(q.q)})`);
    if (q.tag) where.push(`${p(q.tag)} = ANY(e.tags)`);
    if (q.from) where.push(`e.written_on >= ${p(q.from)}`);
    if (q.to) where.push(`e.written_on <= ${p(q.to)}`);
    if (q.cursor) where.push(`(e.written_at, e.id) < (${p(q.cursor.at)}::timestamptz, ${p(q.cursor.id)}::uuid)`);
    const rows = await this.db.$queryRawUnsafe<{ id: string }[]>(
      `SELECT e.id::text AS id FROM entries e WHERE ${where.join(' AND ')}
       ORDER BY e.written_at DESC, e.id DESC LIMIT ${p(q.limit + 1)}`,
      ...params,
    );
    const ids = rows.slice(0, q.limit).map((r) => r.id);
    const entries = await this.db.entry.findMany({ where: { id: { in: ids } }, include: withInsight });
    const byId = new Map(entries.map((e) => [e.id, e]));
    const items = ids.map((id) => byId.get(id)!).filter(Boolean);
    const last = items[items.length - 1];
    const nextCursor =
      rows.length > q.limit && last ? encodeCursor({ at: last.writtenAt.toISOString(), id: last.id }) : null;
    return { items, nextCursor };
  }

  /** Per local day the user wrote on (not deleted): how many entries and their average mood. */
  daysWritten(userId: string, from?: string, to?: string) {
    return this.db.$queryRawUnsafe<{ date: string; entries: number; mood: number | null }[]>(
      `SELECT written_on AS date, count(*)::int AS entries, avg(mood)::float AS mood FROM entries
       WHERE user_id = $1::uuid AND deleted_at IS NULL
         AND ($2::text IS NULL OR written_on >= $2) AND ($3::text IS NULL OR written_on <= $3)
       GROUP BY written_on ORDER BY written_on`,
      userId,
      from ?? null,
      to ?? null,
    );
  }

  /** The user's entries (not deleted) written on local days from..to, with their insights. */
  inDays(tx: Tx, userId: string, from: string, to: string) {
    return tx.entry.findMany({
      where: { userId, deletedAt: null, writtenOn: { gte: from, lte: to } },
      include: withInsight,
      orderBy: { writtenAt: 'asc' },
    });
  }

  async deleteAllOf(tx: Tx, userId: string): Promise<void> {
    await tx.entry.deleteMany({ where: { userId } });
  }
}
