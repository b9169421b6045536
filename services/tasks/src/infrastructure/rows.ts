import { reordered } from '../domain/lists-and-tags';
import type { Tx } from './database';

/** The column of a field (Prisma's schema maps every camelCase field to its snake_case column). */
export const columnOf = (field: string): string => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A SELECT list that reads each column under its field's name (`user_id AS "userId"`). */
export const selectList = (fields: readonly string[]): string =>
  fields.map((f) => (columnOf(f) === f ? f : `${columnOf(f)} AS "${f}"`)).join(', ');

/**
 * Inserts one row, its columns named by the row's fields (undefined ones left to their
 * defaults). PostgreSQL infers each parameter's type from its column.
 */
export async function insertRow(tx: Tx, table: string, row: Record<string, unknown>): Promise<void> {
  const entries = Object.entries(row).filter(([, v]) => v !== undefined);
  await tx.$executeRawUnsafe(
    `INSERT INTO ${table} (${entries.map(([f]) => columnOf(f)).join(', ')})
     VALUES (${entries.map((_, i) => `$${i + 1}`).join(', ')})`,
    ...entries.map(([, v]) => v),
  );
}

/** Sets the row's fields in `changes` (undefined ones untouched) where `key` matches; the rows changed. */
export async function updateRows(
  tx: Tx,
  table: string,
  key: Record<string, unknown>,
  changes: Record<string, unknown>,
): Promise<number> {
  const sets = Object.entries(changes).filter(([, v]) => v !== undefined);
  const keys = Object.entries(key);
  if (!sets.length) return 0;
  return tx.$executeRawUnsafe(
    `UPDATE ${table} SET ${sets.map(([f], i) => `${columnOf(f)} = $${i + 1}`).join(', ')}
     WHERE ${keys.map(([f], i) => `${columnOf(f)} = $${sets.length + i + 1}`).join(' AND ')}`,
    ...sets.map(([, v]) => v),
    ...keys.map(([, v]) => v),
  );
}

/**
 * Puts a user's lists or tags (`table`) in the order of `ids` (see `reordered`), with the
 * user's rows locked, and writes the positions that changed. Gives every row before and
 * after, in the new order.
 */
export async function reorderRows<T extends { id: string; position: number }>(
  tx: Tx,
  table: 'lists' | 'tags',
  fields: readonly string[],
  userId: string,
  ids: string[],
): Promise<{ before: T[]; after: T[] }> {
  const before = await tx.$queryRawUnsafe<T[]>(
    `SELECT ${selectList(fields)} FROM ${table} WHERE user_id = $1::uuid ORDER BY position, name FOR UPDATE`,
    userId,
  );
  const after = reordered(before, ids, table === 'lists' ? 'list' : 'tag');
  for (const row of after) {
    if (row.position !== before.find((b) => b.id === row.id)!.position) {
      await tx.$executeRawUnsafe(`UPDATE ${table} SET position = $1 WHERE id = $2::uuid`, row.position, row.id);
    }
  }
  return { before, after };
}
