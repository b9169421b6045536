import { randomUUID } from 'node:crypto';
import {
  cloudEventSchema,
  taskCreated,
  userDeleted,
  userUpdated,
  type EventContract,
  type EventData,
} from '@daybook/contracts';
import { buildCloudEvent } from '@daybook/service-kit';
import { kafkaClient } from '@daybook/substrate';
import {
  kafkaTap,
  startStack,
  testEnvironment,
  topicFor,
  waitFor,
  type KafkaTap,
  type ServiceUnderTest,
  type Stack,
} from '@daybook/testing';

// Two real services, each its own process beside its own daprd: a task created through
// the tasks API travels outbox → sidecar → Kafka → audit's sidecar → audit's history.
let stack: Stack;
let tasks: ServiceUnderTest;
let audit: ServiceUnderTest;
let tap: KafkaTap;
const ada = randomUUID();
const bob = randomUUID();

beforeAll(async () => {
  stack = await startStack({
    name: 'history',
    services: ['tasks', 'audit'],
    consumes: { audit: [taskCreated.topic, userDeleted.topic] },
  });
  ({ tasks, audit } = stack.services as { tasks: ServiceUnderTest; audit: ServiceUnderTest });
  tap = await kafkaTap([taskCreated.topic]);
});

afterAll(async () => {
  await tap?.stop();
  await stack?.stop();
});

const as = (userId: string) => ({
  authorization: `Bearer ${stack.token(userId)}`,
  'content-type': 'application/json',
});

/** Puts an event straight onto its topic, as the service that owns it (not in this stack) would. */
async function publishDirectly<C extends EventContract>(contract: C, data: EventData<C>, key: string) {
  const event = buildCloudEvent(contract, data);
  const producer = kafkaClient(testEnvironment().kafkaBrokers, 'daybook-test').producer();
  await producer.connect();
  await producer.send({ topic: topicFor(contract.topic), messages: [{ key, value: JSON.stringify(event) }] });
  await producer.disconnect();
}

/** One entity's history as `userId` sees it: its status, and its entries when there are some. */
async function historyOf(userId: string, entity: string, query = '') {
  const res = await fetch(`${audit.baseUrl}/api/audit/entities/${entity}${query}`, { headers: as(userId) });
  return { status: res.status, body: (await res.json()) as { items?: unknown[]; nextCursor?: string | null } };
}

test('a task created in the tasks service appears in its history in the audit service', async () => {
  const res = await fetch(`${tasks.baseUrl}/api/tasks`, {
    method: 'POST',
    headers: as(ada),
    body: JSON.stringify({ title: 'Water the plants', priority: 'high' }),
  });
  expect(res.status).toBe(201);
  const task = (await res.json()) as { id: string; version: number };

  const wire = await tap.waitFor('task.created for the new task', (m) => m.key === task.id);
  const event = cloudEventSchema.parse(wire.json);
  expect(event).toMatchObject({ type: 'daybook.task.created.v1', source: 'tasks', partitionkey: task.id });
  expect(taskCreated.schema.parse(event.data).task).toMatchObject({
    id: task.id,
    userId: ada,
    title: 'Water the plants',
  });

  // Until audit has recorded the event, ada has no entry for the task either: a 404.
  const history = await waitFor('the audit entry', async () => {
    const r = await fetch(`${audit.baseUrl}/api/audit/entities/task/${task.id}`, { headers: as(ada) });
    if (r.status !== 200) return undefined;
    return (await r.json()) as { items: { eventId: string; eventType: string; after: { title: string } }[] };
  });
  expect(history.items).toEqual([
    expect.objectContaining({
      eventId: event.id,
      eventType: 'daybook.task.created.v1',
      after: expect.objectContaining({ title: 'Water the plants' }),
    }),
  ]);

  // Another user learns nothing about it, in either service: it is not found, as a task of
  // no one's would be.
  expect((await fetch(`${tasks.baseUrl}/api/tasks/${task.id}`, { headers: as(bob) })).status).toBe(404);
  expect(await historyOf(bob, `task/${task.id}`)).toEqual({
    status: 404,
    body: { error: expect.objectContaining({ code: 'not_found' }) },
  });
  expect((await historyOf(bob, `task/${randomUUID()}`)).status).toBe(404);
  // A page past ada's last entry is still hers: an empty page, not a 404.
  expect(await historyOf(ada, `task/${task.id}`, '?cursor=1')).toEqual({
    status: 200,
    body: { items: [], nextCursor: null },
  });
});

test('another user’s account history is a 404, as their tasks are', async () => {
  const dave = randomUUID();
  await publishDirectly(
    userUpdated,
    { userId: dave, displayName: 'Dave', timeZone: 'Europe/Paris', updatedAt: new Date().toISOString() },
    dave,
  );
  await waitFor('dave’s account history', async () => (await historyOf(dave, `user/${dave}`)).status === 200);
  expect((await historyOf(bob, `user/${dave}`)).status).toBe(404);
});

test('a cursor past the range of entry ids is a 400 naming query.cursor, on both history endpoints', async () => {
  for (const path of ['/api/audit/me', `/api/audit/entities/task/${randomUUID()}`]) {
    for (const cursor of ['9223372036854775808', '99999999999999999999', '-1', '12abc']) {
      const res = await fetch(`${audit.baseUrl}${path}?cursor=${cursor}`, { headers: as(ada) });
      const body = (await res.json()) as { error: { details: { problems: { field: string }[] } } };
      expect({ path, cursor, status: res.status, fields: body.error.details.problems.map((p) => p.field) }).toEqual({
        path,
        cursor,
        status: 400,
        fields: ['query.cursor'],
      });
    }
  }
  // The largest id there can be is a cursor like any other.
  expect((await fetch(`${audit.baseUrl}/api/audit/me?cursor=9223372036854775807`, { headers: as(ada) })).status).toBe(
    200,
  );
});

test('requests without a valid token are refused with 401', async () => {
  const none = await fetch(`${tasks.baseUrl}/api/tasks`, {
    method: 'POST',
    body: '{}',
    headers: { 'content-type': 'application/json' },
  });
  expect(none.status).toBe(401);
  const forged = await fetch(`${audit.baseUrl}/api/audit/me`, { headers: { authorization: 'Bearer abc.def.ghi' } });
  expect(forged.status).toBe(401);
  expect(await forged.json()).toEqual({ error: expect.objectContaining({ code: 'unauthorized' }) });
});

test('bad input is a 400 naming each field, and writes nothing', async () => {
  const before = tap.messages.length;
  const res = await fetch(`${tasks.baseUrl}/api/tasks`, {
    method: 'POST',
    headers: as(ada),
    body: JSON.stringify({ title: '', colour: 'red' }),
  });
  expect(res.status).toBe(400);
  const body = (await res.json()) as { error: { details: { problems: { field: string }[] } } };
  expect(body.error.details.problems.map((p) => p.field).sort()).toEqual(['body.colour', 'body.title']);
  const malformed = await fetch(`${tasks.baseUrl}/api/tasks`, { method: 'POST', headers: as(ada), body: '{"title":' });
  expect(malformed.status).toBe(400);
  expect(await malformed.json()).toEqual({
    error: expect.objectContaining({ message: 'request body is not valid JSON' }),
  });
  const rows = await fetch(`${audit.baseUrl}/api/audit/me?limit=500`, { headers: as(ada) });
  expect(rows.status).toBe(400); // limit above 200 names the field
  expect(tap.messages.length).toBe(before);
});

test('when an account is deleted, audit forgets its history', async () => {
  const carol = randomUUID();
  const res = await fetch(`${tasks.baseUrl}/api/tasks`, {
    method: 'POST',
    headers: as(carol),
    body: JSON.stringify({ title: 'Soon forgotten' }),
  });
  const task = (await res.json()) as { id: string };
  const history = async () =>
    ((await (await fetch(`${audit.baseUrl}/api/audit/me`, { headers: as(carol) })).json()) as { items: unknown[] })
      .items;
  await waitFor('the task in carol’s history', async () => (await history()).length === 1);

  // identity publishes this when an account is deleted; here it goes straight onto the topic.
  await publishDirectly(userDeleted, { userId: carol, deletedAt: new Date().toISOString() }, carol);

  await waitFor('carol’s history to be gone', async () => (await history()).length === 0);
  expect(task.id).toBeTruthy();
});
