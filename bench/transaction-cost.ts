// CPU of one locked change (BEGIN, SELECT … FOR UPDATE, UPDATE, COMMIT) through Prisma's
// interactive transaction with raw statements, against the same statements on plain `pg`
// (@daybook/database's SqlDatabase does the latter): 3,000 changes of each, 10 at a time,
// after a warm-up, twice. The figure is this process's own CPU per change (the client side).
//
//   node --import tsx bench/transaction-cost.ts
import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '@daybook/testing';
import globalSetup from '../packages/testing/src/global-setup';
import globalTeardown from '../packages/testing/src/global-teardown';
import { openDatabase } from '../services/tasks/src/infrastructure/database';

const N = 3000;
const LOCK = `SELECT id::text, version, title FROM tasks WHERE id = $1::uuid AND user_id = $2::uuid FOR UPDATE`;
const UPD = `UPDATE tasks SET title = $2, version = version + 1 WHERE id = $1::uuid RETURNING version`;
async function main() {
  await globalSetup();
  const database = await createTestDatabase(['tasks']);
  // The tasks service's database: its Prisma client and its SqlDatabase share one pool.
  const tasksDb = openDatabase({ DATABASE_URL: database.url }, 'tasks');
  const { prisma: db, sql } = tasksDb;
  const user = randomUUID();
  const ids = Array.from({ length: 50 }, () => randomUUID());
  for (const id of ids)
    await sql.$executeRawUnsafe(
      `INSERT INTO tasks (id, user_id, title, priority, position) VALUES ($1, $2, 'x', 'none', 'a0')`,
      id,
      user,
    );
  const run = async (name: string, one: (id: string, i: number) => Promise<unknown>) => {
    for (let i = 0; i < 300; i++) await Promise.all(ids.slice(0, 10).map((id) => one(id, i)));
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < N / 10; i++) await Promise.all(ids.slice(0, 10).map((id) => one(id, i)));
    const c = process.cpuUsage(c0);
    const t = performance.now() - t0;
    console.log(
      `${name}: ${((c.user + c.system) / 1000 / N).toFixed(3)} ms CPU per change, ${((N / t) * 1000).toFixed(0)}/s`,
    );
  };
  for (let round = 0; round < 2; round++) {
    await run('prisma $transaction + $queryRawUnsafe', (id, i) =>
      db.$transaction(async (tx) => {
        await tx.$queryRawUnsafe(LOCK, id, user);
        await tx.$queryRawUnsafe(UPD, id, `t${i}`);
      }),
    );
    await run('SqlDatabase (plain pg) $transaction', (id, i) =>
      sql.$transaction(async (tx) => {
        await tx.$queryRawUnsafe(LOCK, id, user);
        await tx.$queryRawUnsafe(UPD, id, `t${i}`);
      }),
    );
  }

  await tasksDb.$disconnect();
  await database.drop();
}
// The substrate's processes (PostgreSQL, Kafka, Scheduler, Mailpit) stop with it, even on a failure.
main()
  .finally(() => globalTeardown())
  .then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
