import { PrismaPg } from '@prisma/adapter-pg';

/**
 * Builds a service's generated Prisma client on the pg driver adapter (no native query
 * engine), bound to the service's own PostgreSQL schema.
 */
export function createPrismaClient<T>(
  PrismaClient: new (options: { adapter: PrismaPg }) => T,
  opts: { databaseUrl: string; schema: string; maxConnections?: number },
): T {
  const adapter = new PrismaPg(
    {
      connectionString: opts.databaseUrl,
      max: opts.maxConnections ?? 20,
      // Prisma qualifies its own queries with the schema; raw SQL needs the search_path.
      options: `-c search_path="${opts.schema}"`,
    },
    { schema: opts.schema },
  );
  return new PrismaClient({ adapter });
}
