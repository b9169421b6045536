// How long a test file waits for its database: every migration re-run (before) against a
// copy of the migrated template (now). Needs the test substrate's PostgreSQL
// (DAYBOOK_TEST_ADMIN_DATABASE_URL, default the local cluster). Prints median ms of each.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrateService } from '@daybook/database';
import { REPO_ROOT } from '@daybook/substrate';
import { createTestDatabase, ensureTemplateDatabase, migratedServices } from '@daybook/testing';

const admin = process.env.DAYBOOK_TEST_ADMIN_DATABASE_URL ?? 'postgresql://daybook@127.0.0.1:25432/postgres';
const runs = Number(process.argv[2] ?? 7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function sql(query: string) {
  const c = new Client({ connectionString: admin });
  await c.connect();
  await c.query(query);
  await c.end();
}

async function migratedFromScratch(): Promise<number> {
  const name = `daybook_bench_${randomBytes(4).toString('hex')}`;
  const started = performance.now();
  await sql(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  for (const service of migratedServices()) {
    await migrateService({ databaseUrl: url.toString(), service, repoRoot: REPO_ROOT });
  }
  const ms = performance.now() - started;
  await sql(`DROP DATABASE ${name} WITH (FORCE)`);
  return ms;
}

async function copiedFromTemplate(): Promise<number> {
  const started = performance.now();
  const db = await createTestDatabase(migratedServices(), { adminDatabaseUrl: admin });
  const ms = performance.now() - started;
  await db.drop();
  return ms;
}

async function main() {
  await ensureTemplateDatabase(admin);
  const before: number[] = [];
  const now: number[] = [];
  for (let i = 0; i < runs; i++) {
    before.push(await migratedFromScratch());
    now.push(await copiedFromTemplate());
  }
  console.log(`every migration re-run: median ${median(before).toFixed(0)} ms (${runs} runs)`);
  console.log(`copy of the template:   median ${median(now).toFixed(0)} ms (${runs} runs)`);
  console.log(`ratio: ${(median(before) / median(now)).toFixed(1)}x faster`);
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(err.message);
    process.exit(1);
  },
);
