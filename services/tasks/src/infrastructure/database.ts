import { createPrismaClient } from '@daybook/database';
import { PrismaClient, type Prisma } from '../generated/prisma/client';
import type { Env } from '../env';

export type Database = PrismaClient;

/** A transaction on the tasks database (the client itself also serves, outside one). */
export type Tx = Prisma.TransactionClient;

/**
 * Runs `fn` in one database transaction: a write, and the outbox row of its event, commit
 * together or not at all. `db.$transaction` in production; a use case's test may fake it.
 */
export type Transact = <R>(fn: (tx: Tx) => Promise<R>, opts?: { timeout?: number }) => Promise<R>;

/**
 * Transaction timeout of a write that changes many tasks at once (a series edit for "this
 * and future", a tag or list rename or deletion); single-task writes keep Prisma's 5 s.
 */
export const MANY_TASKS_TIMEOUT_MS = 60_000;

/**
 * The tasks service's Prisma client, bound to its own PostgreSQL schema. Its statements are
 * prepared once per connection (the hot path's lock-and-read is parsed and planned once,
 * not on every change: see docs/performance.md).
 */
export function openDatabase(env: Pick<Env, 'DATABASE_URL'>, schema: string): Database {
  return createPrismaClient(PrismaClient, { databaseUrl: env.DATABASE_URL, schema, preparedStatements: true });
}
