import { randomUUID } from 'node:crypto';
import { SENSITIVE_MARKER, loginCodeRequested, taskUpdated, userRegistered, type CloudEvent } from '@daybook/contracts';
import { buildCloudEvent } from '@daybook/service-kit';
import { createTestDatabase, type TestDatabase } from '@daybook/testing';
import { AuditStore } from '../infrastructure/audit-store';
import { openDatabase, type Database } from '../infrastructure/database';
import { recordEvent, type RecordEvent } from './record-event';

// On the real audit schema (its append-only trigger included), in a transaction of the
// service's own client, as the kit runs an event handler.
let testDb: TestDatabase;
let db: Database;
let record: RecordEvent;

beforeAll(async () => {
  testDb = await createTestDatabase(['audit']);
  db = openDatabase({ DATABASE_URL: testDb.url }, 'audit');
  record = recordEvent({ store: new AuditStore(db) });
});

afterAll(async () => {
  await db?.$disconnect();
  await testDb?.drop();
});

const entriesOf = (eventId: string) => db.auditEntry.findMany({ where: { eventId } });

test('a task change is appended against the task, with its before and after values', async () => {
  const userId = randomUUID();
  const before = { ...taskUpdated.example.before, userId };
  const task = { ...taskUpdated.example.task, userId };
  const event = buildCloudEvent(taskUpdated, { before, task }, { correlationId: 'corr-1', causationId: 'req-1' });

  await db.$transaction((tx) => record(taskUpdated, event, tx));

  expect(await entriesOf(event.id)).toEqual([
    {
      id: expect.any(BigInt),
      eventId: event.id,
      eventType: 'daybook.task.updated.v1',
      entityType: 'task',
      entityId: task.id,
      userId,
      actor: 'service:tasks',
      before,
      after: task,
      changes: [
        { path: 'title', kind: 'changed', from: 'Water the plants', to: 'Water the ferns' },
        { path: 'version', kind: 'changed', from: 1, to: 2 },
      ],
      occurredAt: new Date(event.time),
      correlationId: 'corr-1',
      causationId: 'req-1',
      recordedAt: expect.any(Date),
    },
  ]);
});

test('an event delivered again is recorded once, as it was the first time', async () => {
  const userId = randomUUID();
  const before = { ...taskUpdated.example.before, userId };
  const event = buildCloudEvent(taskUpdated, { before, task: { ...before, priority: 'urgent' as const, version: 2 } });
  // The kit's inbox skips a redelivery; should its record be gone (swept), the event id still is unique.
  await db.$transaction((tx) => record(taskUpdated, event, tx));
  await db.$transaction((tx) => record(taskUpdated, event, tx));
  const entries = await entriesOf(event.id);
  expect(entries).toHaveLength(1);
  expect(entries[0]!.changes).toEqual([
    { path: 'priority', kind: 'changed', from: 'medium', to: 'urgent' },
    { path: 'version', kind: 'changed', from: 1, to: 2 },
  ]);
});

test('an event without a before leaves the column empty (SQL NULL, not JSON null)', async () => {
  const userId = randomUUID();
  const data = { ...userRegistered.example, userId };
  const event = buildCloudEvent(userRegistered, data);

  await db.$transaction((tx) => record(userRegistered, event, tx));

  const [entry] = await entriesOf(event.id);
  expect(entry).toMatchObject({
    entityType: 'user',
    entityId: userId,
    userId,
    before: null,
    after: data,
    changes: null,
  });
  expect(
    await db.$queryRawUnsafe(
      `SELECT before IS NULL AS "noBefore", changes IS NULL AS "noChanges" FROM audit_entries WHERE event_id = $1`,
      event.id,
    ),
  ).toEqual([{ noBefore: true, noChanges: true }]);
});

test('a field the contract marks sensitive never reaches the table', async () => {
  const data = { ...loginCodeRequested.example, userId: randomUUID() };
  const event = buildCloudEvent(loginCodeRequested, data);

  await db.$transaction((tx) => record(loginCodeRequested, event, tx));

  const [entry] = await entriesOf(event.id);
  expect(entry?.after).toEqual({ ...data, sealedCode: SENSITIVE_MARKER });
  const [row] = await db.$queryRawUnsafe<{ row: string }[]>(
    `SELECT a::text AS row FROM audit_entries a WHERE event_id = $1`,
    event.id,
  );
  expect(row?.row).not.toContain(data.sealedCode.ciphertext);
});

test('the entry is written in the event’s transaction: rolled back with it', async () => {
  const event = buildCloudEvent(userRegistered, { ...userRegistered.example, userId: randomUUID() });
  await expect(
    db.$transaction(async (tx) => {
      await record(userRegistered, event, tx);
      throw new Error('the inbox record failed');
    }),
  ).rejects.toThrow('the inbox record failed');
  expect(await entriesOf(event.id)).toEqual([]);
});

test('an event naming no user is refused, and nothing is written', async () => {
  const event: CloudEvent<unknown> = {
    specversion: '1.0',
    id: randomUUID(),
    source: 'elsewhere',
    type: 'daybook.thing.done.v1',
    time: new Date().toISOString(),
    partitionkey: 'thing-1',
    correlationid: 'corr-1',
    data: { thing: 'done' },
  };
  await expect(db.$transaction((tx) => record(userRegistered, event, tx))).rejects.toThrow(/no user id/);
  expect(await entriesOf(event.id)).toEqual([]);
});
