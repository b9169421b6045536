import { createPrismaClient } from '@daybook/database';
import type { ServiceKit } from '@daybook/service-kit';
import { PrismaClient, type Prisma } from '../generated/prisma/client';
import type { Env } from '../env';

export type Database = PrismaClient;
/** A transaction of the identity database: stores write through it, the outbox too. */
export type Tx = Prisma.TransactionClient;

/** Runs `fn` in one transaction: all of its writes (and outbox events) commit, or none. */
export type Transact = <R>(fn: (tx: Tx) => Promise<R>) => Promise<R>;

/** Writes an event to the outbox in `tx` (the kit's `publish`): published if and only if `tx` commits. */
export type Publish = ServiceKit['publish'];

/** The identity service's Prisma client, bound to its own PostgreSQL schema. */
export function openDatabase(env: Pick<Env, 'DATABASE_URL'>, schema: string): Database {
  return createPrismaClient(PrismaClient, { databaseUrl: env.DATABASE_URL, schema });
}

/** The Transact of a database client. */
export const transactor =
  (db: Database): Transact =>
  (fn) =>
    db.$transaction(fn);
