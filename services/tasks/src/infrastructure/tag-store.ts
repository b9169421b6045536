import { randomUUID } from 'node:crypto';
import { Conflict } from '@daybook/service-kit';
import { Prisma, type Tag } from '../generated/prisma/client';
import type { Database, Tx } from './database';

/** Names are unique per user, whatever their case (index tags_user_name_key). */
const isUniqueViolation = (err: unknown) =>
  (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') ||
  /unique|duplicate key/i.test(String((err as Error)?.message));

const nameTaken = (name: string | undefined) => new Conflict(`a tag named "${name}" already exists`);

/** The users' tags: persistence only. */
export class TagStore {
  constructor(private readonly db: Database) {}

  /** The user's tags, by name. */
  list(userId: string): Promise<Tag[]> {
    return this.db.tag.findMany({ where: { userId }, orderBy: { name: 'asc' } });
  }

  /** A new tag; Conflict when the user has one of that name. */
  async create(userId: string, tag: { name: string; color: string | null }): Promise<Tag> {
    try {
      return await this.db.tag.create({ data: { id: randomUUID(), userId, ...tag } });
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken(tag.name);
      throw err;
    }
  }

  /** The user's tags of these names, whatever their case (an import matches by name). */
  named(tx: Tx, userId: string, names: string[]): Promise<Tag[]> {
    return tx.tag.findMany({ where: { userId, name: { in: names, mode: 'insensitive' } } });
  }

  /** A new tag, in the caller's transaction (the caller knows the name is free). */
  insert(tx: Tx, userId: string, tag: { name: string; color: string | null }): Promise<Tag> {
    return tx.tag.create({ data: { id: randomUUID(), userId, ...tag } });
  }

  /** The user's tag, or null. */
  find(tx: Tx, userId: string, id: string): Promise<Tag | null> {
    return tx.tag.findFirst({ where: { id, userId } });
  }

  /** The user's tags among `ids`, in no particular order (others' are left out). */
  findOwn(tx: Tx, userId: string, ids: string[]): Promise<Tag[]> {
    return tx.tag.findMany({ where: { id: { in: ids }, userId } });
  }

  /** Renames or recolours a tag; Conflict when the user has another of the new name. */
  async update(tx: Tx, id: string, changes: { name?: string; color?: string | null }): Promise<Tag> {
    try {
      return await tx.tag.update({ where: { id }, data: changes });
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken(changes.name);
      throw err;
    }
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.tag.delete({ where: { id } });
  }

  async deleteAllOf(tx: Tx, userId: string): Promise<void> {
    await tx.tag.deleteMany({ where: { userId } });
  }
}
