import { createPrismaClient } from '@daybook/database';
import { PrismaClient, type Prisma } from '../generated/prisma/client';
import type { Env } from '../env';

export type Database = PrismaClient;

/** A transaction on the journal database (the client itself also serves, outside one). */
export type Tx = Prisma.TransactionClient;

/** Runs `fn` in one database transaction: a write and the outbox row of its event commit together. */
export type Transact = <R>(fn: (tx: Tx) => Promise<R>, opts?: { timeout?: number }) => Promise<R>;

/** The journal service's Prisma client, bound to its own PostgreSQL schema. */
export function openDatabase(env: Pick<Env, 'DATABASE_URL'>, schema: string): Database {
  return createPrismaClient(PrismaClient, { databaseUrl: env.DATABASE_URL, schema });
}
