import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { migratedServices, testEnvironment } from '@daybook/testing';
import { REPO_ROOT } from '@daybook/substrate';
import { migrateService, prismaDir } from './migrate';

// On a managed PostgreSQL (CloudNativePG on OKE) the migrations run as the database's owner,
// which is not a superuser and may not create roles. Here, as on such a database: a fresh
// owner role and database, prisma/bootstrap.sql run once by the administrator, then every
// service's migrations as the owner; and the audit history is still append-only for it.
const suffix = randomBytes(4).toString('hex');
const owner = `daybook_owner_${suffix}`;
const database = `daybook_managed_${suffix}`;
const adminUrl = testEnvironment().adminDatabaseUrl;
const urlOf = (name: string, user?: string) => {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  if (user) {
    url.username = user;
    url.password = '';
  }
  return url.toString();
};

async function run<T extends object>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await run(adminUrl, `CREATE ROLE ${owner} LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB`);
  await run(adminUrl, `CREATE DATABASE ${database} OWNER ${owner}`);
});

afterAll(async () => {
  await run(adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await run(adminUrl, `DROP ROLE IF EXISTS ${owner}`);
});

test('without the bootstrap the audit migration stops, naming the missing role', async () => {
  // The role exists cluster-wide (other test databases made it), but the owner is not its member.
  await expect(
    migrateService({ databaseUrl: urlOf(database, owner), service: 'audit', repoRoot: REPO_ROOT }),
  ).rejects.toThrow(
    /guarded_deletion_and_diffs failed in schema audit: must be (a )?member of role "audit_history_purger"|must be able to SET ROLE "audit_history_purger"/,
  );
});

test('after prisma/bootstrap.sql every service migrates as an owner that is not a superuser', async () => {
  await run(urlOf(database), readFileSync(join(prismaDir(REPO_ROOT), 'bootstrap.sql'), 'utf8'));
  // The administrator may run it again.
  await run(urlOf(database), readFileSync(join(prismaDir(REPO_ROOT), 'bootstrap.sql'), 'utf8'));
  for (const service of migratedServices()) {
    const result = await migrateService({ databaseUrl: urlOf(database, owner), service, repoRoot: REPO_ROOT });
    expect(result.schema).toBe(service);
  }
  const [who] = await run<{ superuser: boolean }>(
    urlOf(database, owner),
    `SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`,
  );
  expect(who?.superuser).toBe(false);

  // The history is append-only for the owner too, and the account purge still works.
  const userId = randomUUID();
  const url = urlOf(database, owner);
  await run(
    url,
    `INSERT INTO audit.audit_entries (event_id, event_type, entity_type, entity_id, user_id, occurred_at, correlation_id)
     VALUES (gen_random_uuid()::text, 'daybook.task.created.v1', 'task', gen_random_uuid()::text, $1, now(), 'test')`,
    [userId],
  );
  await expect(run(url, `DELETE FROM audit.audit_entries WHERE user_id = $1`, [userId])).rejects.toThrow(
    /append-only|permission denied/,
  );
  const [purged] = await run<{ removed: string }>(url, `SELECT audit.forget_user_history($1) AS removed`, [userId]);
  expect(Number(purged?.removed)).toBe(1);
  // The hand-over's CREATE on the schema was taken back.
  const [create] = await run<{ allowed: boolean }>(
    url,
    `SELECT has_schema_privilege('audit_history_purger', 'audit', 'CREATE') AS allowed`,
  );
  expect(create?.allowed).toBe(false);
});
