import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import type { Pool } from 'pg';

/**
 * How many distinct statement texts get a name (and so a prepared statement on every
 * connection that runs them). The hot path's texts are a few dozen; statements whose text
 * varies with their input (an IN list's length, the columns a change sets) would otherwise
 * grow every connection's set of prepared statements without bound. Past the cap a
 * statement runs unnamed, as without the option.
 */
const MAX_NAMED_STATEMENTS = 500;

/**
 * Names each distinct SQL text (by its hash), so that `pg` parses it once per connection
 * and PostgreSQL can reuse its plan; '' (unnamed, parsed each time) past the cap.
 */
export function statementNamer(max = MAX_NAMED_STATEMENTS): (query: { sql: string }) => string {
  const names = new Map<string, string>();
  return ({ sql }) => {
    const known = names.get(sql);
    if (known !== undefined) return known;
    if (names.size >= max) return '';
    const name = `p${createHash('sha1').update(sql).digest('hex')}`;
    names.set(sql, name);
    return name;
  };
}

/**
 * Builds a service's generated Prisma client on the pg driver adapter (no native query
 * engine), bound to the service's own PostgreSQL schema: on a pool of its own, or on `pool`
 * (shared with the service's plain `pg` statements, see SqlDatabase; its connections' search_path
 * is the schema). `preparedStatements` names each statement (see statementNamer): PostgreSQL
 * then parses and plans it once per connection.
 */
export function createPrismaClient<T>(
  PrismaClient: new (options: { adapter: PrismaPg }) => T,
  opts: { schema: string; preparedStatements?: boolean } & (
    { databaseUrl: string; maxConnections?: number; pool?: undefined } | { pool: Pool; databaseUrl?: undefined }
  ),
): T {
  const adapter = new PrismaPg(
    opts.pool ?? {
      connectionString: opts.databaseUrl,
      max: opts.maxConnections ?? 20,
      // Prisma qualifies its own queries with the schema; raw SQL needs the search_path.
      options: `-c search_path="${opts.schema}"`,
    },
    { schema: opts.schema, ...(opts.preparedStatements ? { statementNameGenerator: statementNamer() } : {}) },
  );
  return new PrismaClient({ adapter });
}
