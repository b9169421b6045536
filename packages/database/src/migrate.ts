import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

export interface MigrationResult {
  schema: string;
  applied: string[];
  alreadyApplied: number;
}

/** prisma/_platform holds tables every service owns a copy of (outbox, processed events). */
export const PLATFORM_MIGRATIONS = '_platform';

export const prismaDir = (repoRoot: string) => join(repoRoot, 'prisma');

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
  /**
   * Checksums of earlier texts of this migration that databases may have recorded, listed in
   * the folder's `accepted-checksums` (one SHA-256 per line, then why). A migration is edited
   * only when its earlier text cannot run somewhere and gives the same end state where it
   * did run (Liquibase's `validCheckSum`); the file says so, and a database that applied the
   * earlier text is not migrated again.
   */
  acceptedChecksums: string[];
}

/** Migration folders (Prisma's layout: `<timestamp>_<name>/migration.sql`), oldest first. */
export function listMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      const accepted = join(dir, name, 'accepted-checksums');
      return {
        name,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
        acceptedChecksums: existsSync(accepted) ? parseAcceptedChecksums(readFileSync(accepted, 'utf8'), accepted) : [],
      };
    });
}

function parseAcceptedChecksums(text: string, file: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((line) => {
      const checksum = line.split(/\s+/)[0] ?? '';
      if (!/^[0-9a-f]{64}$/.test(checksum))
        throw new Error(`${file}: "${line}" does not start with a SHA-256 checksum`);
      return checksum;
    });
}

/**
 * Applies the platform migrations and then the service's own into the PostgreSQL schema
 * named after the service, each in its own transaction, recording them in that schema's
 * `_prisma_migrations` table (the columns Prisma Migrate uses, so `prisma migrate status`
 * reads it). Prisma's schema engine cannot be downloaded here, hence this runner.
 * Safe to run concurrently: a transaction-scoped advisory lock serialises runners.
 */
export async function migrateService(opts: {
  databaseUrl: string;
  service: string;
  repoRoot: string;
  log?: (line: string) => void;
}): Promise<MigrationResult> {
  const { databaseUrl, service, repoRoot, log = () => {} } = opts;
  const schema = service;
  if (!/^[a-z][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name "${schema}"`);
  const migrations = [
    ...listMigrations(join(prismaDir(repoRoot), PLATFORM_MIGRATIONS, 'migrations')).map((m) => ({
      ...m,
      name: `platform/${m.name}`,
    })),
    ...listMigrations(join(prismaDir(repoRoot), service, 'migrations')),
  ];
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`daybook-migrate:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`CREATE TABLE IF NOT EXISTS "${schema}"._prisma_migrations (
      id varchar(36) PRIMARY KEY,
      checksum varchar(64) NOT NULL,
      finished_at timestamptz,
      migration_name varchar(255) NOT NULL UNIQUE,
      logs text,
      rolled_back_at timestamptz,
      started_at timestamptz NOT NULL DEFAULT now(),
      applied_steps_count integer NOT NULL DEFAULT 0)`);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "${schema}"._prisma_migrations WHERE finished_at IS NOT NULL`,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    for (const m of migrations) {
      const previous = done.get(m.name);
      if (previous !== undefined) {
        if (previous !== m.checksum && !m.acceptedChecksums.includes(previous)) {
          throw new Error(`migration ${m.name} in schema ${schema} was edited after it was applied`);
        }
        continue;
      }
      log(`applying ${schema}: ${m.name}`);
      await client.query('BEGIN');
      try {
        await client.query(`SET LOCAL search_path TO "${schema}"`);
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "${schema}"._prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES (gen_random_uuid()::text, $1, now(), $2, 1)`,
          [m.checksum, m.name],
        );
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.name} failed in schema ${schema}: ${(err as Error).message}`);
      }
      applied.push(m.name);
    }
    return { schema, applied, alreadyApplied: migrations.length - applied.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`daybook-migrate:${schema}`]).catch(() => {});
    await client.end();
  }
}
