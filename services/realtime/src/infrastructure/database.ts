import { createPrismaClient } from '@daybook/database';
import { PrismaClient, type Prisma } from '../generated/prisma/client';
import type { Env } from '../env';

export type Database = PrismaClient;
/** A transaction of the realtime database (what the kit hands event handlers). */
export type Tx = Prisma.TransactionClient;

/** The realtime service's Prisma client, bound to its own PostgreSQL schema. */
export function openDatabase(env: Pick<Env, 'DATABASE_URL'>, schema: string): Database {
  return createPrismaClient(PrismaClient, { databaseUrl: env.DATABASE_URL, schema });
}
