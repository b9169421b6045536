import { randomUUID } from 'node:crypto';
import { NotFound } from '@daybook/service-kit';
import type { List } from '../generated/prisma/client';
import type { Database, Tx } from './database';

/** The users' lists: persistence only. */
export class ListStore {
  constructor(private readonly db: Database) {}

  /** The user's lists, in their order (then by name). */
  list(userId: string): Promise<List[]> {
    return this.db.list.findMany({ where: { userId }, orderBy: [{ position: 'asc' }, { name: 'asc' }] });
  }

  /** A new list, after the others. */
  async create(userId: string, name: string, color: string | null = null): Promise<List> {
    const last = await this.db.list.aggregate({ where: { userId }, _max: { position: true } });
    const position = (last._max.position ?? -1) + 1;
    return this.db.list.create({ data: { id: randomUUID(), userId, name, color, position } });
  }

  /** Renames or recolours the user's list; NotFound when the user has no such list. */
  async update(userId: string, id: string, changes: { name?: string; color?: string | null }): Promise<List> {
    const { count } = await this.db.list.updateMany({ where: { id, userId }, data: changes });
    if (count === 0) throw new NotFound('list');
    return this.db.list.findUniqueOrThrow({ where: { id } });
  }

  /** The user's lists of these names, whatever their case (an import matches by name). */
  named(tx: Tx, userId: string, names: string[]): Promise<List[]> {
    return tx.list.findMany({ where: { userId, name: { in: names, mode: 'insensitive' } } });
  }

  /** A new list, last in the user's order, in the caller's transaction. */
  async insert(tx: Tx, userId: string, name: string): Promise<List> {
    const last = await tx.list.aggregate({ where: { userId }, _max: { position: true } });
    return tx.list.create({ data: { id: randomUUID(), userId, name, position: (last._max.position ?? -1) + 1 } });
  }

  /** Puts the user's lists in the order of `ids` (all of them, each once); NotFound for one not theirs. */
  async reorder(userId: string, ids: string[]): Promise<List[]> {
    return this.db.$transaction(async (tx) => {
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
    return (await tx.list.findFirst({ where: { id, userId }, select: { id: true } })) !== null;
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.list.delete({ where: { id } });
  }

  async deleteAllOf(tx: Tx, userId: string): Promise<void> {
    await tx.list.deleteMany({ where: { userId } });
  }
}
