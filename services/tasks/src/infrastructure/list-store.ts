import { randomUUID } from 'node:crypto';
import { NotFound } from '@daybook/service-kit';
import type { List } from '../generated/prisma/client';
import type { Database, Tx } from './database';
import { selectList } from './rows';

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

  /** A new list, after the others. */
  async create(userId: string, name: string, color: string | null = null): Promise<List> {
    const last = await this.db.prisma.list.aggregate({ where: { userId }, _max: { position: true } });
    const position = (last._max.position ?? -1) + 1;
    return this.db.prisma.list.create({ data: { id: randomUUID(), userId, name, color, position } });
  }

  /** Renames or recolours the user's list; NotFound when the user has no such list. */
  async update(userId: string, id: string, changes: { name?: string; color?: string | null }): Promise<List> {
    const { count } = await this.db.prisma.list.updateMany({ where: { id, userId }, data: changes });
    if (count === 0) throw new NotFound('list');
    return this.db.prisma.list.findUniqueOrThrow({ where: { id } });
  }

  /** The user's lists of these names, whatever their case (an import matches by name). */
  named(tx: Tx, userId: string, names: string[]): Promise<List[]> {
    return tx.$queryRawUnsafe<List[]>(
      `SELECT ${selectList(LIST_FIELDS)} FROM lists WHERE user_id = $1::uuid AND lower(name) = ANY($2::text[])`,
      userId,
      names.map((n) => n.toLowerCase()),
    );
  }

  /** A new list, last in the user's order, in the caller's transaction. */
  async insert(tx: Tx, userId: string, name: string): Promise<List> {
    const [row] = await tx.$queryRawUnsafe<List[]>(
      `INSERT INTO lists (id, user_id, name, position)
       SELECT $1::uuid, $2::uuid, $3, coalesce(max(position) + 1, 0) FROM lists WHERE user_id = $2::uuid
       RETURNING ${selectList(LIST_FIELDS)}`,
      randomUUID(),
      userId,
      name,
    );
    return row!;
  }

  /** Puts the user's lists in the order of `ids` (all of them, each once); NotFound for one not theirs. */
  async reorder(userId: string, ids: string[]): Promise<List[]> {
    return this.db.prisma.$transaction(async (tx) => {
      const own = await tx.list.findMany({
        where: { userId },
        select: { id: true },
        orderBy: [{ position: 'asc' }, { name: 'asc' }],
      });
      const mine = new Set(own.map((x) => x.id));
      if (ids.some((id) => !mine.has(id))) throw new NotFound('list');
      // Those left out follow, in the order they had.
      const order = [...new Set(ids), ...own.map((x) => x.id).filter((id) => !ids.includes(id))];
      for (const [position, id] of order.entries()) await tx.list.update({ where: { id }, data: { position } });
      return tx.list.findMany({ where: { userId }, orderBy: [{ position: 'asc' }, { name: 'asc' }] });
    });
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
