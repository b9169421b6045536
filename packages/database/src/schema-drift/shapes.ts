// The one description of a table that both sides are reduced to (the Prisma data model
// and PostgreSQL's catalog), so the comparison is a pure function of two lists of these.

/** Prisma's referential actions, which PostgreSQL's `ON DELETE` clauses map onto one to one. */
export type ReferentialAction = 'Cascade' | 'Restrict' | 'NoAction' | 'SetNull' | 'SetDefault';

export interface ColumnShape {
  /**
   * The type as PostgreSQL's `format_type` spells it (`text`, `uuid`, `timestamp(3) with
   * time zone`, `integer[]`), timestamps always with their precision; an enum as
   * `enum <type name>`, because `format_type` would qualify it by a search_path.
   */
  type: string;
  notNull: boolean;
  /** An enum's labels, in their order. */
  enumLabels?: string[];
  /** The Prisma field it comes from, so a message can point at the line to fix. */
  field?: string;
}

export interface ForeignKeyShape {
  columns: string[];
  /** `schema.table` */
  references: string;
  referencedColumns: string[];
  onDelete: ReferentialAction;
  /** The Prisma relation field it comes from. */
  field?: string;
  /** The database's constraint name (catalog side only). */
  name?: string;
}

export interface UniqueIndexShape {
  columns: string[];
  /** The database's index name (catalog side only). */
  name?: string;
}

export interface TableShape {
  schema: string;
  name: string;
  /** The Prisma model it comes from. */
  model?: string;
  columns: Record<string, ColumnShape>;
  /** Primary key columns in key order; empty without one. */
  primaryKey: string[];
  /** Unique indexes and constraints on plain columns, apart from the primary key. */
  uniques: UniqueIndexShape[];
  /**
   * Unique indexes Prisma's schema language cannot state (on an expression, or partial):
   * by index name. Only the catalog side has them.
   */
  inexpressibleUniques: string[];
  foreignKeys: ForeignKeyShape[];
}

/** What may differ on purpose, each with the reason, so nothing is waved through silently. */
export interface Allowances {
  /** Tables that need no model, unless one maps to them (platform bookkeeping). */
  unmodelledTables: string[];
  /** `schema.table.column` → why no field maps to it. */
  unmodelledColumns: Record<string, string>;
  /** `schema.index` → why schema.prisma does not state this unique index. */
  unmodelledUniqueIndexes: Record<string, string>;
}
