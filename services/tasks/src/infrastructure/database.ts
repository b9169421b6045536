import { createPrismaClient, SqlDatabase, type SqlTx } from '@daybook/database';
import { PrismaClient } from '../generated/prisma/client';
import type { Env } from '../env';

/** A transaction on the tasks database (plain `pg`): the stores' writes take it and run their own SQL. */
export type Tx = SqlTx;

/**
 * Runs `fn` in one database transaction: a write, and the outbox row of its event, commit
 * together or not at all. `db.sql.$transaction` in production; a use case's test may fake it.
 */
export type Transact = <R>(fn: (tx: Tx) => Promise<R>, opts?: { timeout?: number }) => Promise<R>;

/**
 * Transaction timeout of a write that changes many tasks at once (a series edit for "this
 * and future", a tag or list rename or deletion); single-task writes keep the 5 s default.
 */
export const MANY_TASKS_TIMEOUT_MS = 60_000;

/**
 * The tasks database: one pool of `pg` connections, used two ways. `sql` runs every
 * transaction and the hot reads: our own statements, straight on `pg` (Prisma's interactive
 * transaction cost three times the CPU of plain `pg` around the same statements, see
 * docs/performance.md). `prisma`, the generated client on the same pool, still serves a few
 * reads and the sidebar's reordering. The kit runs its outbox relay, its health check and
 * every event handler's transaction on `sql` too. Statements are prepared once per connection.
 */
export class Database {
  readonly sql: SqlDatabase;
  readonly prisma: PrismaClient;

  constructor(env: Pick<Env, 'DATABASE_URL'>, schema: string) {
    this.sql = new SqlDatabase({ databaseUrl: env.DATABASE_URL, schema, preparedStatements: true });
    this.prisma = createPrismaClient(PrismaClient, { pool: this.sql.pool, schema, preparedStatements: true });
  }

  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T> {
    return this.sql.$queryRawUnsafe<T>(query, ...values);
  }

  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number> {
    return this.sql.$executeRawUnsafe(query, ...values);
  }

  $transaction<R>(fn: (tx: Tx) => Promise<R>, options?: { timeout?: number }): Promise<R> {
    return this.sql.$transaction(fn, options);
  }

  async $disconnect(): Promise<void> {
    await this.prisma.$disconnect();
    await this.sql.$disconnect();
  }
}

/** The tasks service's database, bound to its own PostgreSQL schema. */
export function openDatabase(env: Pick<Env, 'DATABASE_URL'>, schema: string): Database {
  return new Database(env, schema);
}
