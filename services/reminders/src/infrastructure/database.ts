import { createPrismaClient } from '@daybook/database';
import type { TransactionalDb } from '@daybook/service-kit';
import { PrismaClient, type Prisma } from '../generated/prisma/client';
import type { Env } from '../env';

export type Database = PrismaClient;
export type Tx = Prisma.TransactionClient;

/** The reminders service's Prisma client, bound to its own PostgreSQL schema. */
export function openDatabase(env: Env, schema: string): Database & TransactionalDb {
  return createPrismaClient(PrismaClient, { databaseUrl: env.DATABASE_URL, schema }) as Database & TransactionalDb;
}
