import { randomUUID } from 'node:crypto';
import { taskCreated } from '@daybook/contracts';
import { NotFound, buildCloudEvent } from '@daybook/service-kit';
import { createTestDatabase, type TestDatabase } from '@daybook/testing';
import { toAuditRecord, type HistoryEntry } from '../domain/audit-entry';
import { AuditStore } from '../infrastructure/audit-store';
import { openDatabase, type Database } from '../infrastructure/database';
import { EXPORT_BATCH, exportHistory } from './export-history';

// On the real schema: an export longer than a batch reads batch after batch, newest first,
// the caller's entries only.
let testDb: TestDatabase;
let db: Database;
let store: AuditStore;
const ada = randomUUID();
const bob = randomUUID();
const MANY = EXPORT_BATCH * 2 + 34;

beforeAll(async () => {
  testDb = await createTestDatabase(['audit']);
  db = openDatabase({ DATABASE_URL: testDb.url }, 'audit');
  store = new AuditStore(db);
  const recordOf = (userId: string) =>
    toAuditRecord(
      buildCloudEvent(taskCreated, { task: { ...taskCreated.example.task, id: randomUUID(), userId } }),
      taskCreated,
    );
  const rows = [...Array.from({ length: MANY }, () => recordOf(ada)), recordOf(bob)];
  await db.auditEntry.createMany({
    data: rows.map((r) => ({ ...r, before: undefined, changes: undefined, after: r.after as object })),
  });
});

afterAll(async () => {
  await db?.$disconnect();
  await testDb?.drop();
});

async function all(entries: AsyncIterable<HistoryEntry>): Promise<HistoryEntry[]> {
  const out: HistoryEntry[] = [];
  for await (const e of entries) out.push(e);
  return out;
}

test('every entry of the caller’s, newest first, across batches; no one else’s', async () => {
  const pages: number[] = [];
  const counting = {
    page: async (...args: Parameters<AuditStore['page']>) => {
      const page = await store.page(...args);
      pages.push(page.entries.length);
      return page;
    },
    hasAny: store.hasAny.bind(store),
  };
  const entries = await all(await exportHistory({ store: counting })({ userId: ada }));
  expect(entries).toHaveLength(MANY);
  expect(entries.every((e) => e.userId === ada)).toBe(true);
  expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((a, b) => (a > b ? -1 : 1)));
  expect(pages).toEqual([EXPORT_BATCH, EXPORT_BATCH, 34]);
});

test('one entity of someone else’s is NotFound before anything is read; one of the caller’s is its entries', async () => {
  const [bobs] = await db.auditEntry.findMany({ where: { userId: bob } });
  await expect(exportHistory({ store })({ userId: ada, entityType: 'task', entityId: bobs!.entityId })).rejects.toThrow(
    NotFound,
  );
  const [adas] = await db.auditEntry.findMany({ where: { userId: ada }, take: 1 });
  const one = await all(await exportHistory({ store })({ userId: ada, entityType: 'task', entityId: adas!.entityId }));
  expect(one.map((e) => e.eventId)).toEqual([adas!.eventId]);
});
