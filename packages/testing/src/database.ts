import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrateService } from '@daybook/database';
import { REPO_ROOT } from '@daybook/substrate';
import { testEnvironment } from './environment';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A fresh database for one test file, with the named services' schemas migrated in (by
 * the same runner production uses). Dropped at the end, connections and all.
 */
export async function createTestDatabase(services: string[] = []): Promise<TestDatabase> {
  const { adminDatabaseUrl } = testEnvironment();
  const name = `daybook_test_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: adminDatabaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminDatabaseUrl);
  url.pathname = `/${name}`;
  for (const service of services) {
    await migrateService({ databaseUrl: url.toString(), service, repoRoot: REPO_ROOT });
  }
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const c = new Client({ connectionString: adminDatabaseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
