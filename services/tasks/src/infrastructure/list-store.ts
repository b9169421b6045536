import { randomUUID } from 'node:crypto';
import { NotFound } from '@daybook/service-kit';
import type { List } from '../generated/prisma/client';
import type { Database, Tx } from './database';

/** The users' lists: persistence only. */
export class ListStore {
  constructor(private readonly db: Database) {}

  /** The user's lists, by name. */
  list(userId: string): Promise<List[]> {
    return this.db.list.findMany({ where: { userId }, orderBy: { name: 'asc' } });
  }

  create(userId: string, name: string): Promise<List> {
    return this.db.list.create({ data: { id: randomUUID(), userId, name } });
  }

  /** Renames the user's list; NotFound when the user has no such list. */
  async rename(userId: string, id: string, name: string): Promise<List> {
    const { count } = await this.db.list.updateMany({ where: { id, userId }, data: { name } });
    if (count === 0) throw new NotFound('list');
    return this.db.list.findUniqueOrThrow({ where: { id } });
  }

  /** The user's lists of these names, whatever their case (an import matches by name). */
  named(tx: Tx, userId: string, names: string[]): Promise<List[]> {
    return tx.list.findMany({ where: { userId, name: { in: names, mode: 'insensitive' } } });
  }

  /** A new list, in the caller's transaction. */
  insert(tx: Tx, userId: string, name: string): Promise<List> {
    return tx.list.create({ data: { id: randomUUID(), userId, name } });
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
