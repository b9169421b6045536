import { createPrismaClient } from '@daybook/database';
import { PrismaClient } from '../generated/prisma/client';
import type { Env } from '../env';

export type Database = PrismaClient;

/** The notifications service's Prisma client, bound to its own PostgreSQL schema. */
export function openDatabase(env: Env, schema: string): Database {
  return createPrismaClient(PrismaClient, { databaseUrl: env.DATABASE_URL, schema });
}
