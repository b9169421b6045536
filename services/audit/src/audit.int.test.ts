import { randomUUID } from 'node:crypto';
import {
  taskCompleted,
  taskCreated,
  taskUpdated,
  userDeleted,
  type CloudEvent,
  type EventContract,
  type EventData,
  type TaskSnapshot,
} from '@daybook/contracts';
import { buildCloudEvent } from '@daybook/service-kit';
import { kafkaClient } from '@daybook/substrate';
import { startStack, testEnvironment, topicFor, waitFor, type ServiceUnderTest, type Stack } from '@daybook/testing';
import { toAuditRecord } from './domain/audit-entry';
import { AuditStore } from './infrastructure/audit-store';
import { openDatabase, type Database } from './infrastructure/database';
import { SWEEP_JOB } from './jobs/sweep-expired-history';

// The audit service as it runs: its own process beside a real daprd, consuming the real
// topics from Kafka, its retention sweep triggered by the real Dapr Scheduler.
let stack: Stack;
let audit: ServiceUnderTest;
let db: Database;
const producer = kafkaClient(testEnvironment().kafkaBrokers, 'daybook-audit-test').producer();
const DAY = 24 * 60 * 60 * 1000;
const RETENTION_DAYS = 30;

beforeAll(async () => {
  stack = await startStack({
    name: 'audit',
    services: ['audit'],
    consumes: { audit: [taskCreated.topic, userDeleted.topic] },
    env: { AUDIT_RETENTION_DAYS: String(RETENTION_DAYS), AUDIT_RETENTION_SWEEP_SCHEDULE: '@every 2s' },
  });
  audit = stack.services.audit!;
  db = openDatabase({ DATABASE_URL: stack.db.url }, 'audit');
  await producer.connect();
});

afterAll(async () => {
  await producer.disconnect();
  await db?.$disconnect();
  await stack?.stop();
});

const as = (userId: string) => ({ authorization: `Bearer ${stack.token(userId)}` });

/** Puts an event onto its topic as its owner would; sending the same event again is a redelivery. */
async function send<C extends EventContract>(contract: C, event: CloudEvent<EventData<C>>) {
  await producer.send({
    topic: topicFor(contract.topic),
    messages: [{ key: event.partitionkey, value: JSON.stringify(event) }],
  });
  return event;
}

interface Entry {
  id: string;
  eventId: string;
  eventType: string;
  actor: string | null;
  changes: { path: string; kind: string; from?: unknown; to?: unknown }[] | null;
}
interface Page {
  items: Entry[];
  nextCursor: string | null;
}

async function get(userId: string, path: string): Promise<{ status: number; body: Page }> {
  const res = await fetch(`${audit.baseUrl}${path}`, { headers: as(userId) });
  return { status: res.status, body: (await res.json()) as Page };
}

/** A task of `userId`'s with a history: created, renamed twice (one redelivered), completed. */
async function taskWithHistory(userId: string) {
  const task: TaskSnapshot = { ...taskCreated.example.task, id: randomUUID(), userId };
  const renamed = { ...task, title: 'Water the ferns', version: 2 };
  const moved = {
    ...renamed,
    priority: 'urgent' as const,
    due: { date: new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10) },
    version: 3,
  };
  const done = { ...moved, status: 'done' as const, completedAt: new Date().toISOString(), version: 4 };
  const created = await send(taskCreated, buildCloudEvent(taskCreated, { task }));
  // As the tasks service publishes a change the user asked for: caused by their request.
  const request = randomUUID();
  const rename = await send(
    taskUpdated,
    buildCloudEvent(taskUpdated, { before: task, task: renamed }, { correlationId: request, causationId: request }),
  );
  await send(taskUpdated, rename); // delivered again: the same event
  const move = await send(taskUpdated, buildCloudEvent(taskUpdated, { before: renamed, task: moved }));
  await send(taskUpdated, move);
  // The last event, on the same partition (keyed by the task): once it is recorded, any
  // duplicate before it would have been too.
  const complete = await send(taskCompleted, buildCloudEvent(taskCompleted, { before: moved, task: done }));
  const history = await waitFor('the task’s history to reach its completion', async () => {
    const { status, body } = await get(userId, `/api/audit/entities/task/${task.id}`);
    return status === 200 && body.items.some((e) => e.eventId === complete.id) ? body.items : undefined;
  });
  return { task, moved, events: { created, rename, move, complete }, history };
}

test('every event is recorded exactly once, redeliveries included, each with its field-level diff', async () => {
  const ada = randomUUID();
  const { task, moved, events, history } = await taskWithHistory(ada);
  expect(history.map((e) => [e.eventId, e.eventType])).toEqual([
    [events.complete.id, 'daybook.task.completed.v1'],
    [events.move.id, 'daybook.task.updated.v1'],
    [events.rename.id, 'daybook.task.updated.v1'],
    [events.created.id, 'daybook.task.created.v1'],
  ]);
  const [complete, move, rename, created] = history;
  expect(history.map((e) => e.actor)).toEqual(['service:tasks', 'service:tasks', `user:${ada}`, 'service:tasks']);
  expect(created!.changes).toBeNull();
  expect(rename!.changes).toEqual([
    { path: 'title', kind: 'changed', from: task.title, to: 'Water the ferns' },
    { path: 'version', kind: 'changed', from: 1, to: 2 },
  ]);
  expect(move!.changes).toEqual([
    { path: 'priority', kind: 'changed', from: 'medium', to: 'urgent' },
    { path: 'due.dateTime', kind: 'removed', from: (task.due as { dateTime: string }).dateTime },
    { path: 'due.timeZone', kind: 'removed', from: 'Europe/London' },
    { path: 'due.date', kind: 'added', to: (moved.due as { date: string }).date },
    { path: 'version', kind: 'changed', from: 2, to: 3 },
  ]);
  expect(complete!.changes).toEqual([
    { path: 'status', kind: 'changed', from: 'open', to: 'done' },
    { path: 'version', kind: 'changed', from: 3, to: 4 },
    { path: 'completedAt', kind: 'changed', from: null, to: expect.any(String) },
  ]);
  expect(await db.auditEntry.count({ where: { entityId: task.id } })).toBe(4);
});

test('each user sees only their own history: another’s entity is a 404, in the feed and the export', async () => {
  const ada = randomUUID();
  const bob = randomUUID();
  const { task } = await taskWithHistory(ada);
  expect((await get(bob, `/api/audit/entities/task/${task.id}`)).status).toBe(404);
  expect((await get(bob, '/api/audit/me')).body).toEqual({ items: [], nextCursor: null });
  const exported = await fetch(`${audit.baseUrl}/api/audit/export?entityType=task&entityId=${task.id}`, {
    headers: as(bob),
  });
  expect(exported.status).toBe(404);
});

test('pages follow the cursor to the end; filters by type and time range narrow them', async () => {
  const ada = randomUUID();
  const { task, events } = await taskWithHistory(ada);
  const base = `/api/audit/entities/task/${task.id}`;
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const { status, body }: { status: number; body: Page } = await get(
      ada,
      `${base}?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(status).toBe(200);
    seen.push(...body.items.map((e) => e.eventId));
    cursor = body.nextCursor;
  } while (cursor);
  expect(seen).toEqual([events.complete.id, events.move.id, events.rename.id, events.created.id]);

  const updates = await get(ada, `${base}?type=daybook.task.updated.v1`);
  expect(updates.body.items.map((e) => e.eventId)).toEqual([events.move.id, events.rename.id]);
  const feed = await get(ada, '/api/audit/me?entityType=task&type=daybook.task.created.v1,daybook.task.completed.v1');
  expect(feed.body.items.map((e) => e.eventId)).toEqual([events.complete.id, events.created.id]);

  // The range is of when events happened: all of these just now, none an hour from now.
  const hourAgo = new Date(Date.now() - 60 * 60 * 1000).toISOString();
  const inAnHour = new Date(Date.now() + 60 * 60 * 1000).toISOString();
  expect((await get(ada, `${base}?from=${hourAgo}&to=${inAnHour}`)).body.items).toHaveLength(4);
  const later = await get(ada, `${base}?from=${inAnHour}`);
  expect(later).toEqual({ status: 200, body: { items: [], nextCursor: null } });
  const bad = await fetch(`${audit.baseUrl}${base}?from=${inAnHour}&to=${hourAgo}&type=nope`, { headers: as(ada) });
  expect(bad.status).toBe(400);
  const problems = ((await bad.json()) as { error: { details: { problems: { field: string }[] } } }).error.details
    .problems;
  expect(problems.map((p) => p.field).sort()).toEqual(['query.type.0']);
});

test('the export streams the caller’s history as JSON Lines, newest first', async () => {
  const ada = randomUUID();
  const first = await taskWithHistory(ada);
  const second = await taskWithHistory(ada);
  const res = await fetch(`${audit.baseUrl}/api/audit/export`, { headers: as(ada) });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
  const lines = (await res.text()).trimEnd().split('\n');
  const entries = lines.map((line) => JSON.parse(line) as Entry);
  expect(entries).toHaveLength(8);
  expect(entries.map((e) => e.eventId).slice(0, 4)).toEqual(second.history.map((e) => e.eventId));
  expect(entries.map((e) => e.eventId).slice(4)).toEqual(first.history.map((e) => e.eventId));
  const oneTask = await fetch(
    `${audit.baseUrl}/api/audit/export?entityType=task&entityId=${first.task.id}&type=daybook.task.updated.v1`,
    { headers: as(ada) },
  );
  expect((await oneTask.text()).trimEnd().split('\n')).toHaveLength(2);
});

test('a Dapr job sweeps entries older than the retention period, and keeps the rest', async () => {
  const job = await waitFor('the retention job to be scheduled', () => audit.sidecar.client.getJob(SWEEP_JOB));
  expect(job).toMatchObject({ schedule: '@every 2s' });
  const carol = randomUUID();
  const store = new AuditStore(db);
  const old = buildCloudEvent(taskCreated, { task: { ...taskCreated.example.task, id: randomUUID(), userId: carol } });
  const recent = buildCloudEvent(taskCreated, {
    task: { ...taskCreated.example.task, id: randomUUID(), userId: carol },
  });
  const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString();
  await db.$transaction(async (tx) => {
    await store.append(tx, toAuditRecord({ ...old, time: at(RETENTION_DAYS + 5) }, taskCreated));
    await store.append(tx, toAuditRecord({ ...recent, time: at(RETENTION_DAYS - 5) }, taskCreated));
  });
  await waitFor(
    'the old entry to be swept',
    async () => (await db.auditEntry.count({ where: { eventId: old.id } })) === 0,
    { timeoutMs: 60_000 },
  );
  expect(await db.auditEntry.count({ where: { eventId: recent.id } })).toBe(1);
});

test('a deleted account’s history is purged, and no one else’s', async () => {
  const dave = randomUUID();
  const erin = randomUUID();
  await taskWithHistory(dave);
  await taskWithHistory(erin);
  await send(userDeleted, buildCloudEvent(userDeleted, { userId: dave, deletedAt: new Date().toISOString() }));
  await waitFor(
    'dave’s history to be gone',
    async () => (await db.auditEntry.count({ where: { userId: dave } })) === 0,
  );
  expect(await db.auditEntry.count({ where: { userId: erin } })).toBe(4);
});
