import { randomUUID } from 'node:crypto';
import { taskCreated, taskUpdated } from '@daybook/contracts';
import { buildCloudEvent } from '@daybook/service-kit';
import { createTestDatabase, type TestDatabase } from '@daybook/testing';
import { MAX_ENTRY_ID, toAuditRecord } from '../domain/audit-entry';
import { AuditStore } from './audit-store';
import { openDatabase, type Database } from './database';

// The history queries on the real schema: newest first, a cursor of entry ids, own only.
let testDb: TestDatabase;
let db: Database;
let store: AuditStore;
const ada = randomUUID();
const bob = randomUUID();
const taskId = randomUUID();
/** ada's entries about taskId, oldest first; she has one about another task, and bob one naming taskId too. */
let ids: bigint[];

beforeAll(async () => {
  testDb = await createTestDatabase(['audit']);
  db = openDatabase({ DATABASE_URL: testDb.url }, 'audit');
  store = new AuditStore(db);
  const task = { ...taskCreated.example.task, id: taskId, userId: ada };
  const events = [
    toAuditRecord(buildCloudEvent(taskCreated, { task }), taskCreated),
    ...[2, 3, 4].map((version) =>
      toAuditRecord(buildCloudEvent(taskUpdated, { before: task, task: { ...task, version } }), taskUpdated),
    ),
    toAuditRecord(buildCloudEvent(taskCreated, { task: { ...task, id: randomUUID() } }), taskCreated),
    toAuditRecord(buildCloudEvent(taskCreated, { task: { ...task, userId: bob } }), taskCreated),
  ];
  for (const record of events) await db.$transaction((tx) => store.append(tx, record));
  ids = (await db.auditEntry.findMany({ where: { userId: ada, entityId: taskId }, orderBy: { id: 'asc' } })).map(
    (e) => e.id,
  );
});

afterAll(async () => {
  await db?.$disconnect();
  await testDb?.drop();
});

const ofTask = { userId: ada, entityType: 'task', entityId: taskId };

test('one entity’s entries of one user, newest first, page by page', async () => {
  expect(ids).toHaveLength(4);
  const first = await store.page(ofTask, { limit: 3 });
  expect(first.entries.map((e) => e.id)).toEqual([ids[3], ids[2], ids[1]]);
  expect(first.nextCursor).toBe(ids[1]);
  const second = await store.page(ofTask, { limit: 3, cursor: first.nextCursor! });
  expect(second.entries.map((e) => e.id)).toEqual([ids[0]]);
  expect(second.nextCursor).toBeNull();
  expect(second.entries[0]).toMatchObject({ eventType: 'daybook.task.created.v1', entityId: taskId, userId: ada });
});

test('a page that ends exactly at the last entry has no next cursor', async () => {
  const all = await store.page(ofTask, { limit: 4 });
  expect(all.entries).toHaveLength(4);
  expect(all.nextCursor).toBeNull();
});

test('a user’s whole history spans every entity, and no one else’s', async () => {
  const mine = await store.page({ userId: ada }, { limit: 50 });
  expect(mine.entries).toHaveLength(5);
  expect(mine.entries.every((e) => e.userId === ada)).toBe(true);
  expect((await store.page({ userId: bob }, { limit: 50 })).entries).toHaveLength(1);
});

test('the largest entry id there can be is a cursor like any other', async () => {
  expect((await store.page(ofTask, { limit: 50, cursor: MAX_ENTRY_ID })).entries).toHaveLength(4);
  expect((await store.page(ofTask, { limit: 50, cursor: 0n })).entries).toEqual([]);
});

test('whether a user has any entry about an entity, on any page: theirs, not someone else’s', async () => {
  expect(await store.hasAny(ofTask)).toBe(true);
  // bob's entry names the same task id; it makes the entity his, and no one else's.
  expect(await store.hasAny({ ...ofTask, userId: bob })).toBe(true);
  expect(await store.hasAny({ ...ofTask, userId: randomUUID() })).toBe(false);
  expect(await store.hasAny({ ...ofTask, entityId: randomUUID() })).toBe(false);
  expect(await store.hasAny({ ...ofTask, entityType: 'user' })).toBe(false);
});
