import { randomUUID } from 'node:crypto';
import { taskCreated, userRegistered } from '@daybook/contracts';
import { buildCloudEvent, createLogger } from '@daybook/service-kit';
import { createTestDatabase, type TestDatabase } from '@daybook/testing';
import { toAuditRecord } from '../domain/audit-entry';
import { AuditStore } from '../infrastructure/audit-store';
import { openDatabase, type Database } from '../infrastructure/database';
import { forgetUser, type ForgetUser } from './forget-user';

// On the real audit schema: its triggers refuse any DELETE but the guarded purge function's.
let testDb: TestDatabase;
let db: Database;
let store: AuditStore;
let forget: ForgetUser;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase(['audit']);
  db = openDatabase({ DATABASE_URL: testDb.url }, 'audit');
  store = new AuditStore(db);
  const log = createLogger('audit', 'info', { write: (line: string) => void logLines.push(JSON.parse(line)) });
  forget = forgetUser({ store, log });
});

afterAll(async () => {
  await db?.$disconnect();
  await testDb?.drop();
});

/** Gives `userId` an account entry and a task entry; returns the user's entry count. */
async function historyFor(userId: string): Promise<number> {
  const account = buildCloudEvent(userRegistered, { ...userRegistered.example, userId });
  const task = buildCloudEvent(taskCreated, { task: { ...taskCreated.example.task, id: randomUUID(), userId } });
  await db.$transaction(async (tx) => {
    await store.append(tx, toAuditRecord(account, userRegistered));
    await store.append(tx, toAuditRecord(task, taskCreated));
  });
  return db.auditEntry.count({ where: { userId } });
}

const countOf = (userId: string) => db.auditEntry.count({ where: { userId } });

test('a deleted account’s whole history goes, and no one else’s', async () => {
  const ada = randomUUID();
  const bob = randomUUID();
  expect(await historyFor(ada)).toBe(2);
  expect(await historyFor(bob)).toBe(2);

  expect(await db.$transaction((tx) => forget(ada, tx))).toBe(2);

  expect(await countOf(ada)).toBe(0);
  expect(await countOf(bob)).toBe(2);
  expect(logLines).toContainEqual(
    expect.objectContaining({ userId: ada, entries: 2, msg: 'history of a deleted account removed' }),
  );
});

test('forgetting is part of the event’s transaction: rolled back with it', async () => {
  const carol = randomUUID();
  await historyFor(carol);
  await expect(
    db.$transaction(async (tx) => {
      await forget(carol, tx);
      throw new Error('the inbox record failed');
    }),
  ).rejects.toThrow('the inbox record failed');
  expect(await countOf(carol)).toBe(2);
});

test('an account without history is forgotten all the same: nothing to remove', async () => {
  expect(await db.$transaction((tx) => forget(randomUUID(), tx))).toBe(0);
});
