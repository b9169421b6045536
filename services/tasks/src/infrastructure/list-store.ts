import { randomUUID } from 'node:crypto';
import type { List } from '../generated/prisma/client';
import type { Database, Tx } from './database';
import { reorderRows, selectList, updateRows } from './rows';

const LIST_FIELDS = [
  'id',
  'userId',
  'name',
  'color',
  'position',
  'createdAt',
] as const satisfies readonly (keyof List)[];

/** The users' lists: persistence only. */
export class ListStore {
  constructor(private readonly db: Database) {}

  /** The user's lists, in their order (then by name). */
  list(userId: string): Promise<List[]> {
    return this.db.prisma.list.findMany({ where: { userId }, orderBy: [{ position: 'asc' }, { name: 'asc' }] });
  }

  /** The user's list, locked until the transaction ends (for a change that reports it before and after); null when none. */
  async lock(tx: Tx, userId: string, id: string): Promise<List | null> {
    const [row] = await tx.$queryRawUnsafe<List[]>(
      `SELECT ${selectList(LIST_FIELDS)} FROM lists WHERE id = $1::uuid AND user_id = $2::uuid FOR UPDATE`,
      id,
      userId,
    );
    return row ?? null;
  }

  /** Renames or recolours a list (the caller has it locked). */
  async update(tx: Tx, id: string, changes: { name?: string; color?: string | null }): Promise<List> {
    await updateRows(tx, 'lists', { id }, changes);
    const [row] = await tx.$queryRawUnsafe<List[]>(
      `SELECT ${selectList(LIST_FIELDS)} FROM lists WHERE id = $1::uuid`,
      id,
    );
    return row!;
  }

  /** The user's lists of these names, whatever their case (an import matches by name). */
  named(tx: Tx, userId: string, names: string[]): Promise<List[]> {
    return tx.$queryRawUnsafe<List[]>(
      `SELECT ${selectList(LIST_FIELDS)} FROM lists WHERE user_id = $1::uuid AND lower(name) = ANY($2::text[])`,
      userId,
      names.map((n) => n.toLowerCase()),
    );
  }

  /** A new list, last in the user's order (names need not be unique). */
  async create(tx: Tx, userId: string, list: { name: string; color: string | null }): Promise<List> {
    const [row] = await tx.$queryRawUnsafe<List[]>(
      `INSERT INTO lists (id, user_id, name, color, position)
       SELECT $1::uuid, $2::uuid, $3, $4, coalesce(max(position) + 1, 0) FROM lists WHERE user_id = $2::uuid
       RETURNING ${selectList(LIST_FIELDS)}`,
      randomUUID(),
      userId,
      list.name,
      list.color,
    );
    return row!;
  }

  /**
   * Puts the user's lists in the order of `ids` (those left out follow, in the order they
   * had); NotFound for one not theirs. Gives every list before and after, in the new order.
   */
  reorder(tx: Tx, userId: string, ids: string[]): Promise<{ before: List[]; after: List[] }> {
    return reorderRows<List>(tx, 'lists', LIST_FIELDS, userId, ids);
  }

  /** True when the user has this list. */
  async exists(tx: Tx, userId: string, id: string): Promise<boolean> {
    const rows = await tx.$queryRawUnsafe<unknown[]>(
      'SELECT 1 FROM lists WHERE id = $1::uuid AND user_id = $2::uuid',
      id,
      userId,
    );
    return rows.length > 0;
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.$executeRawUnsafe('DELETE FROM lists WHERE id = $1::uuid', id);
  }

  async deleteAllOf(tx: Tx, userId: string): Promise<void> {
    await tx.$executeRawUnsafe('DELETE FROM lists WHERE user_id = $1::uuid', userId);
  }
}
