import { randomUUID } from 'node:crypto';
import { Conflict, NotFound } from '@daybook/service-kit';
import type { Tag } from '../generated/prisma/client';
import type { Database, Tx } from './database';
import { reorderRows, selectList, updateRows } from './rows';

const TAG_FIELDS = ['id', 'userId', 'name', 'color', 'position', 'createdAt'] as const satisfies readonly (keyof Tag)[];

/** Names are unique per user, whatever their case (index tags_user_name_key). */
const isUniqueViolation = (err: unknown) => (err as { code?: unknown } | undefined)?.code === '23505';

const nameTaken = (name: string | undefined) => new Conflict(`a tag named "${name}" already exists`);

/** The users' tags: persistence only. */
export class TagStore {
  constructor(private readonly db: Database) {}

  /** The user's tags, in their order (then by name). */
  list(userId: string): Promise<Tag[]> {
    return this.db.prisma.tag.findMany({ where: { userId }, orderBy: [{ position: 'asc' }, { name: 'asc' }] });
  }

  /**
   * Puts the user's tags in the order of `ids` (those left out follow, in the order they
   * had); NotFound for one not theirs. Gives every tag before and after, in the new order.
   */
  reorder(tx: Tx, userId: string, ids: string[]): Promise<{ before: Tag[]; after: Tag[] }> {
    return reorderRows<Tag>(tx, 'tags', TAG_FIELDS, userId, ids);
  }

  /** A new tag, last in the user's order; Conflict when the user has one of that name. */
  async create(tx: Tx, userId: string, tag: { name: string; color: string | null }): Promise<Tag> {
    try {
      const [row] = await tx.$queryRawUnsafe<Tag[]>(
        `INSERT INTO tags (id, user_id, name, color, position)
         SELECT $1::uuid, $2::uuid, $3, $4, coalesce(max(position) + 1, 0) FROM tags WHERE user_id = $2::uuid
         RETURNING ${selectList(TAG_FIELDS)}`,
        randomUUID(),
        userId,
        tag.name,
        tag.color,
      );
      return row!;
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken(tag.name);
      throw err;
    }
  }

  /** The user's tags of these names, whatever their case (an import matches by name). */
  named(tx: Tx, userId: string, names: string[]): Promise<Tag[]> {
    return tx.$queryRawUnsafe<Tag[]>(
      `SELECT ${selectList(TAG_FIELDS)} FROM tags WHERE user_id = $1::uuid AND lower(name) = ANY($2::text[])`,
      userId,
      names.map((n) => n.toLowerCase()),
    );
  }

  /** The user's tag, locked until the transaction ends (for a change that reports it before and after); null when none. */
  async lock(tx: Tx, userId: string, id: string): Promise<Tag | null> {
    const [row] = await tx.$queryRawUnsafe<Tag[]>(
      `SELECT ${selectList(TAG_FIELDS)} FROM tags WHERE id = $1::uuid AND user_id = $2::uuid FOR UPDATE`,
      id,
      userId,
    );
    return row ?? null;
  }

  /** The user's tags among `ids`, in no particular order (others' are left out). */
  findOwn(tx: Tx, userId: string, ids: string[]): Promise<Tag[]> {
    return tx.$queryRawUnsafe<Tag[]>(
      `SELECT ${selectList(TAG_FIELDS)} FROM tags WHERE id = ANY($1::uuid[]) AND user_id = $2::uuid`,
      ids,
      userId,
    );
  }

  /** Renames or recolours a tag; Conflict when the user has another of the new name. */
  async update(tx: Tx, id: string, changes: { name?: string; color?: string | null }): Promise<Tag> {
    try {
      await updateRows(tx, 'tags', { id }, changes);
      const [row] = await tx.$queryRawUnsafe<Tag[]>(
        `SELECT ${selectList(TAG_FIELDS)} FROM tags WHERE id = $1::uuid`,
        id,
      );
      if (!row) throw new NotFound('tag');
      return row;
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken(changes.name);
      throw err;
    }
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.$executeRawUnsafe('DELETE FROM tags WHERE id = $1::uuid', id);
  }

  async deleteAllOf(tx: Tx, userId: string): Promise<void> {
    await tx.$executeRawUnsafe('DELETE FROM tags WHERE user_id = $1::uuid', userId);
  }
}
