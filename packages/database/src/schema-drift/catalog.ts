import type { ClientBase } from 'pg';
import type { ColumnShape, ForeignKeyShape, ReferentialAction, TableShape } from './shapes';

// Reads tables as PostgreSQL has them, from pg_catalog: information_schema leaves out
// unique indexes that are not constraints (CREATE UNIQUE INDEX) and array element types.

/** Ordinary and partitioned tables: what a Prisma model can map to. */
const TABLE_KINDS = `('r', 'p')`;

/** The columns an index or constraint covers, in key order (`$keys`, `$table` substituted). */
const columnsOf = (keys: string, table: string) => `ARRAY(
  SELECT a.attname::text FROM unnest(${keys}) WITH ORDINALITY AS k(attnum, ord)
  JOIN pg_attribute a ON a.attrelid = ${table} AND a.attnum = k.attnum ORDER BY k.ord)`;

export async function catalogTables(client: ClientBase, schemas: string[]): Promise<TableShape[]> {
  // One after the other: a pg client runs one query at a time anyway.
  const tables = await readTables(client, schemas);
  const columns = await readColumns(client, schemas);
  const indexes = await readUniqueIndexes(client, schemas);
  const foreignKeys = await readForeignKeys(client, schemas);
  const key = (schema: string, table: string) => `${schema}.${table}`;
  const byName = new Map(
    tables.map((t): [string, TableShape] => [
      key(t.schema, t.name),
      { ...t, columns: {}, primaryKey: [], uniques: [], inexpressibleUniques: [], foreignKeys: [] },
    ]),
  );
  const tableOf = (row: { schema: string; table_name: string }) => {
    const table = byName.get(key(row.schema, row.table_name));
    if (!table) throw new Error(`catalog row for unknown table ${key(row.schema, row.table_name)}`);
    return table;
  };
  for (const row of columns) tableOf(row).columns[row.column_name] = columnShape(row);
  for (const row of indexes) addUniqueIndex(tableOf(row), row);
  for (const row of foreignKeys) tableOf(row).foreignKeys.push(foreignKeyShape(row));
  return [...byName.values()];
}

async function readTables(client: ClientBase, schemas: string[]) {
  const { rows } = await client.query<{ schema: string; name: string }>(
    `SELECT n.nspname AS schema, c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND c.relkind IN ${TABLE_KINDS}
      ORDER BY 1, 2`,
    [schemas],
  );
  return rows;
}

interface ColumnRow {
  schema: string;
  table_name: string;
  column_name: string;
  formatted_type: string;
  is_array: boolean;
  enum_name: string | null;
  enum_labels: string[] | null;
  not_null: boolean;
}

async function readColumns(client: ClientBase, schemas: string[]) {
  // An enum's name comes from pg_type, unqualified: format_type would prefix the schema
  // whenever it is not on the search_path.
  const { rows } = await client.query<ColumnRow>(
    `SELECT n.nspname AS schema, c.relname AS table_name, a.attname AS column_name,
            format_type(a.atttypid, a.atttypmod) AS formatted_type,
            t.typcategory = 'A' AS is_array,
            CASE WHEN base.typtype = 'e' THEN base.typname::text END AS enum_name,
            CASE WHEN base.typtype = 'e' THEN ARRAY(
              SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = base.oid ORDER BY e.enumsortorder)
            END AS enum_labels,
            a.attnotnull AS not_null
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       JOIN pg_type t ON t.oid = a.atttypid
       JOIN pg_type base ON base.oid = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END
      WHERE n.nspname = ANY($1) AND c.relkind IN ${TABLE_KINDS}
      ORDER BY n.nspname, c.relname, a.attnum`,
    [schemas],
  );
  return rows;
}

function columnShape(row: ColumnRow): ColumnShape {
  if (row.enum_name) {
    return {
      type: `enum ${row.enum_name}${row.is_array ? '[]' : ''}`,
      notNull: row.not_null,
      enumLabels: row.enum_labels ?? [],
    };
  }
  return { type: withTimePrecision(row.formatted_type), notNull: row.not_null };
}

/** `timestamptz` without a precision has PostgreSQL's default, 6: say so, as Prisma's side does. */
const withTimePrecision = (type: string) =>
  type.replace(/^(timestamp|time) (with|without) time zone/, '$1(6) $2 time zone');

interface IndexRow {
  schema: string;
  table_name: string;
  index_name: string;
  is_primary: boolean;
  inexpressible: boolean;
  columns: string[];
}

async function readUniqueIndexes(client: ClientBase, schemas: string[]) {
  // Only key columns count (not INCLUDE ones); attnum 0 marks an expression.
  const { rows } = await client.query<IndexRow>(
    `SELECT n.nspname AS schema, c.relname AS table_name, i.relname AS index_name,
            x.indisprimary AS is_primary,
            x.indpred IS NOT NULL OR 0 = ANY (x.indkey::int2[]) AS inexpressible,
            ${columnsOf('(x.indkey::int2[])[0:x.indnkeyatts - 1]', 'c.oid')} AS columns
       FROM pg_index x
       JOIN pg_class c ON c.oid = x.indrelid
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND x.indisunique AND c.relkind IN ${TABLE_KINDS}
      ORDER BY 1, 2, 3`,
    [schemas],
  );
  return rows;
}

function addUniqueIndex(table: TableShape, row: IndexRow): void {
  if (row.is_primary) table.primaryKey = row.columns;
  else if (row.inexpressible) table.inexpressibleUniques.push(row.index_name);
  else table.uniques.push({ columns: row.columns, name: row.index_name });
}

interface ForeignKeyRow {
  schema: string;
  table_name: string;
  constraint_name: string;
  columns: string[];
  referenced_schema: string;
  referenced_table: string;
  referenced_columns: string[];
  /** pg_constraint.confdeltype: a, r, c, n or d */
  on_delete: string;
}

async function readForeignKeys(client: ClientBase, schemas: string[]) {
  const { rows } = await client.query<ForeignKeyRow>(
    `SELECT n.nspname AS schema, c.relname AS table_name, con.conname AS constraint_name,
            ${columnsOf('con.conkey', 'con.conrelid')} AS columns,
            rn.nspname AS referenced_schema, r.relname AS referenced_table,
            ${columnsOf('con.confkey', 'con.confrelid')} AS referenced_columns,
            con.confdeltype AS on_delete
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_class r ON r.oid = con.confrelid
       JOIN pg_namespace rn ON rn.oid = r.relnamespace
      WHERE n.nspname = ANY($1) AND con.contype = 'f'
      ORDER BY 1, 2, 3`,
    [schemas],
  );
  return rows;
}

/** pg_constraint.confdeltype's codes. */
const REFERENTIAL_ACTIONS: Record<string, ReferentialAction> = {
  a: 'NoAction',
  r: 'Restrict',
  c: 'Cascade',
  n: 'SetNull',
  d: 'SetDefault',
};

function foreignKeyShape(row: ForeignKeyRow): ForeignKeyShape {
  return {
    columns: row.columns,
    references: `${row.referenced_schema}.${row.referenced_table}`,
    referencedColumns: row.referenced_columns,
    onDelete: REFERENTIAL_ACTIONS[row.on_delete] ?? 'NoAction',
    name: row.constraint_name,
  };
}
