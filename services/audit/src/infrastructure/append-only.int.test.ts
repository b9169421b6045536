import { randomUUID } from 'node:crypto';
import { taskCreated, taskUpdated } from '@daybook/contracts';
import { buildCloudEvent } from '@daybook/service-kit';
import { createTestDatabase, type TestDatabase } from '@daybook/testing';
import { toAuditRecord } from '../domain/audit-entry';
import { AuditStore } from './audit-store';
import { openDatabase, type Database } from './database';

// The database, not the service's code, keeps the history append-only: on the real schema
// and as the role the service connects as (the test cluster's, a superuser even), every
// ordinary UPDATE, DELETE and TRUNCATE is refused, and entries leave only through the two
// guarded functions: the purge of a deleted account and the retention sweep.
let testDb: TestDatabase;
let db: Database;
let store: AuditStore;
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  testDb = await createTestDatabase(['audit']);
  db = openDatabase({ DATABASE_URL: testDb.url }, 'audit');
  store = new AuditStore(db);
});

afterAll(async () => {
  await db?.$disconnect();
  await testDb?.drop();
});

/** Records a created and an updated event of a new task of `userId`, `daysAgo` days ago; returns the task id. */
async function historyOf(userId: string, daysAgo = 0): Promise<string> {
  const task = { ...taskCreated.example.task, id: randomUUID(), userId };
  const time = new Date(Date.now() - daysAgo * DAY).toISOString();
  const created = buildCloudEvent(taskCreated, { task });
  const updated = buildCloudEvent(taskUpdated, { before: task, task: { ...task, title: 'Renamed', version: 2 } });
  await db.$transaction(async (tx) => {
    await store.append(tx, toAuditRecord({ ...created, time }, taskCreated));
    await store.append(tx, toAuditRecord({ ...updated, time }, taskUpdated));
  });
  return task.id;
}

const countOf = (userId: string) => db.auditEntry.count({ where: { userId } });
const appendOnly = /audit_entries is append-only/;

test('an ordinary UPDATE is refused, in SQL and through the client', async () => {
  const ada = randomUUID();
  await historyOf(ada);
  await expect(
    db.$executeRawUnsafe(`UPDATE audit_entries SET event_type = 'forged' WHERE user_id = $1`, ada),
  ).rejects.toThrow(appendOnly);
  await expect(
    db.auditEntry.updateMany({ where: { userId: ada }, data: { after: { title: 'forged' } } }),
  ).rejects.toThrow(appendOnly);
  expect(await db.auditEntry.count({ where: { userId: ada, eventType: 'forged' } })).toBe(0);
});

test('an ordinary DELETE or TRUNCATE is refused, and nothing goes', async () => {
  const bob = randomUUID();
  await historyOf(bob);
  await expect(db.$executeRawUnsafe(`DELETE FROM audit_entries WHERE user_id = $1`, bob)).rejects.toThrow(appendOnly);
  await expect(db.auditEntry.deleteMany({ where: { userId: bob } })).rejects.toThrow(appendOnly);
  await expect(db.$executeRawUnsafe(`TRUNCATE audit_entries`)).rejects.toThrow(appendOnly);
  expect(await countOf(bob)).toBe(2);
});

test('the deleting functions run as a role of their own, which the service’s role is not', async () => {
  const carol = randomUUID();
  await historyOf(carol);
  // The guard lets the purger role through only; the service's own role is not it.
  const [session] = await db.$queryRawUnsafe<{ role: string }[]>(`SELECT current_user AS role`);
  expect(session?.role).not.toBe('audit_history_purger');
  const [functions] = await db.$queryRawUnsafe<{ definer: number }[]>(
    `SELECT count(*)::int AS definer FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner
      WHERE p.proname IN ('forget_user_history', 'sweep_history_before') AND p.prosecdef AND r.rolname = 'audit_history_purger'`,
  );
  expect(functions?.definer).toBe(2);
  expect(await countOf(carol)).toBe(2);
});

test('the account-deletion purge removes one user’s whole history, and no one else’s', async () => {
  const dave = randomUUID();
  const erin = randomUUID();
  await historyOf(dave);
  await historyOf(dave);
  await historyOf(erin);
  expect(await db.$transaction((tx) => store.deleteUserHistory(tx, dave))).toBe(4);
  expect(await countOf(dave)).toBe(0);
  expect(await countOf(erin)).toBe(2);
});

test('the retention sweep removes what happened before the cutoff, batch by batch, and nothing newer', async () => {
  const frank = randomUUID();
  const oldTask = await historyOf(frank, 400);
  const olderTask = await historyOf(frank, 500);
  const recentTask = await historyOf(frank, 10);
  const cutoff = new Date(Date.now() - 365 * DAY);
  expect(await store.deleteOlderThan(cutoff, 3)).toBe(3);
  expect(await store.deleteOlderThan(cutoff, 3)).toBe(1);
  expect(await store.deleteOlderThan(cutoff, 3)).toBe(0);
  const left = await db.auditEntry.findMany({ where: { userId: frank }, select: { entityId: true } });
  expect(left.map((e) => e.entityId)).toEqual([recentTask, recentTask]);
  expect([oldTask, olderTask]).not.toContain(left[0]!.entityId);
});

test('the retention sweep refuses to remove the last day of history, or an unbounded batch', async () => {
  const grace = randomUUID();
  await historyOf(grace);
  await expect(store.deleteOlderThan(new Date(Date.now() + DAY), 100)).rejects.toThrow(
    /retention keeps at least the last day of history/,
  );
  await expect(store.deleteOlderThan(new Date(Date.now() - 2 * DAY), 0)).rejects.toThrow(/batch must be between/);
  expect(await countOf(grace)).toBe(2);
});
