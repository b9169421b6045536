import { randomUUID } from 'node:crypto';
import { Conflict, NotFound } from '@daybook/service-kit';
import { Prisma, type Tag } from '../generated/prisma/client';
import type { Database, Tx } from './database';
import { selectList, updateRows } from './rows';

const TAG_FIELDS = ['id', 'userId', 'name', 'color', 'position', 'createdAt'] as const satisfies readonly (keyof Tag)[];

/** Names are unique per user, whatever their case (index tags_user_name_key). */
const isUniqueViolation = (err: unknown) =>
  (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') ||
  /unique|duplicate key/i.test(String((err as Error)?.message));

const nameTaken = (name: string | undefined) => new Conflict(`a tag named "${name}" already exists`);

/** The users' tags: persistence only. */
export class TagStore {
  constructor(private readonly db: Database) {}

  /** The user's tags, in their order (then by name). */
  list(userId: string): Promise<Tag[]> {
    return this.db.prisma.tag.findMany({ where: { userId }, orderBy: [{ position: 'asc' }, { name: 'asc' }] });
  }

  /** Puts the user's tags in the order of `ids`; NotFound for one not theirs. Tasks do not change. */
  async reorder(userId: string, ids: string[]): Promise<Tag[]> {
    return this.db.prisma.$transaction(async (tx) => {
      const own = await tx.tag.findMany({
        where: { userId },
        select: { id: true },
        orderBy: [{ position: 'asc' }, { name: 'asc' }],
      });
      const mine = new Set(own.map((x) => x.id));
      if (ids.some((id) => !mine.has(id))) throw new NotFound('tag');
      // Those left out follow, in the order they had.
      const order = [...new Set(ids), ...own.map((x) => x.id).filter((id) => !ids.includes(id))];
      for (const [position, id] of order.entries()) await tx.tag.update({ where: { id }, data: { position } });
      return tx.tag.findMany({ where: { userId }, orderBy: [{ position: 'asc' }, { name: 'asc' }] });
    });
  }

  /** A new tag, after the others; Conflict when the user has one of that name. */
  async create(userId: string, tag: { name: string; color: string | null }): Promise<Tag> {
    try {
      const last = await this.db.prisma.tag.aggregate({ where: { userId }, _max: { position: true } });
      const position = (last._max.position ?? -1) + 1;
      return await this.db.prisma.tag.create({ data: { id: randomUUID(), userId, ...tag, position } });
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

  /** A new tag, last in the user's order, in the caller's transaction (the caller knows the name is free). */
  async insert(tx: Tx, userId: string, tag: { name: string; color: string | null }): Promise<Tag> {
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
  }

  /** The user's tag, or null. */
  async find(tx: Tx, userId: string, id: string): Promise<Tag | null> {
    const [row] = await tx.$queryRawUnsafe<Tag[]>(
      `SELECT ${selectList(TAG_FIELDS)} FROM tags WHERE id = $1::uuid AND user_id = $2::uuid`,
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
