import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@daybook/testing';
import { migrateService } from './migrate';

let db: TestDatabase;
let repo: string;

const writeMigration = (dir: string, name: string, sql: string) => {
  mkdirSync(join(repo, 'prisma', dir, 'migrations', name), { recursive: true });
  writeFileSync(join(repo, 'prisma', dir, 'migrations', name, 'migration.sql'), sql);
};

beforeAll(async () => {
  db = await createTestDatabase([], { empty: true });
  repo = mkdtempSync(join(tmpdir(), 'daybook-migrate-'));
  writeMigration('_platform', '20260101000000_platform', 'CREATE TABLE platform_thing (id int);');
  writeMigration('notes', '20260101000100_notes', 'CREATE TABLE notes (id int PRIMARY KEY, body text);');
});
afterAll(() => db?.drop());

const query = async (sql: string) => {
  const c = new Client({ connectionString: db.url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
};

test('applies platform then service migrations into the service schema, once, and records them', async () => {
  const first = await migrateService({ databaseUrl: db.url, service: 'notes', repoRoot: repo });
  expect(first.applied).toEqual(['platform/20260101000000_platform', '20260101000100_notes']);
  const tables = await query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'notes' ORDER BY 1`,
  );
  expect(tables.map((t) => t.table_name)).toEqual(['_prisma_migrations', 'notes', 'platform_thing']);

  writeMigration('notes', '20260101000200_notes_title', 'ALTER TABLE notes ADD COLUMN title text;');
  const second = await migrateService({ databaseUrl: db.url, service: 'notes', repoRoot: repo });
  expect(second).toEqual({ schema: 'notes', applied: ['20260101000200_notes_title'], alreadyApplied: 2 });
  const recorded = await query(`SELECT migration_name FROM notes._prisma_migrations ORDER BY migration_name`);
  expect(recorded).toHaveLength(3);
});

test('concurrent runners apply each migration exactly once', async () => {
  const results = await Promise.all(
    [1, 2, 3].map(() => migrateService({ databaseUrl: db.url, service: 'other', repoRoot: repo })),
  );
  expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, 1]);
});

test('a failing migration rolls back and is not recorded', async () => {
  writeMigration('broken', '20260101000000_broken', 'CREATE TABLE ok_part (id int); SELECT no_such_function();');
  await expect(migrateService({ databaseUrl: db.url, service: 'broken', repoRoot: repo })).rejects.toThrow(
    /20260101000000_broken failed/,
  );
  expect(
    await query(`SELECT 1 FROM information_schema.tables WHERE table_schema = 'broken' AND table_name = 'ok_part'`),
  ).toEqual([]);
});

test('editing an applied migration is refused', async () => {
  writeMigration('notes', '20260101000100_notes', 'CREATE TABLE notes (id bigint PRIMARY KEY);');
  await expect(migrateService({ databaseUrl: db.url, service: 'notes', repoRoot: repo })).rejects.toThrow(
    /edited after it was applied/,
  );
});

test('an edited migration runs again nowhere: a database that recorded a text it lists as accepted goes on', async () => {
  writeMigration('edited', '20260101000000_edited', 'CREATE TABLE edited (id int);');
  await migrateService({ databaseUrl: db.url, service: 'edited', repoRoot: repo });
  const [first] = await query(
    `SELECT checksum FROM edited._prisma_migrations WHERE migration_name = '20260101000000_edited'`,
  );

  // A corrected text with the same end state, and the earlier text's checksum accepted with a reason.
  writeMigration('edited', '20260101000000_edited', 'CREATE TABLE IF NOT EXISTS edited (id int);');
  const folder = join(repo, 'prisma', 'edited', 'migrations', '20260101000000_edited');
  writeFileSync(
    join(folder, 'accepted-checksums'),
    `# the first text\n${first?.checksum as string}  could not run twice\n`,
  );
  writeMigration('edited', '20260101000100_edited_more', 'ALTER TABLE edited ADD COLUMN body text;');
  const result = await migrateService({ databaseUrl: db.url, service: 'edited', repoRoot: repo });
  expect(result).toEqual({ schema: 'edited', applied: ['20260101000100_edited_more'], alreadyApplied: 2 });

  // Anything else recorded is still an edit, and a malformed list is named.
  writeFileSync(join(folder, 'accepted-checksums'), `${'0'.repeat(64)}  some other text\n`);
  await expect(migrateService({ databaseUrl: db.url, service: 'edited', repoRoot: repo })).rejects.toThrow(
    /edited after it was applied/,
  );
  writeFileSync(join(folder, 'accepted-checksums'), 'not-a-checksum\n');
  await expect(migrateService({ databaseUrl: db.url, service: 'edited', repoRoot: repo })).rejects.toThrow(
    /accepted-checksums: "not-a-checksum" does not start with a SHA-256 checksum/,
  );
});
