import { randomUUID } from 'node:crypto';
import { TOPIC_PARTITIONS, taskCreated, taskUpdated, userDeleted, type TaskSnapshot } from '@daybook/contracts';
import { buildCloudEvent } from '@daybook/service-kit';
import { kafkaClient } from '@daybook/substrate';
import {
  connectDevice,
  mintAccessToken,
  openTestSocket,
  startServiceUnderTest,
  startStack,
  testEnvironment,
  topicFor,
  waitFor,
  type ServiceUnderTest,
  type Stack,
  type TestSocket,
  waitForConsumerGroup,
} from '@daybook/testing';

// Two replicas of realtime, each beside its own daprd, on one database; events go onto the
// real Kafka topics as the services publish them.
let stack: Stack;
let a: ServiceUnderTest;
let b: ServiceUnderTest;
let producer: ReturnType<ReturnType<typeof kafkaClient>['producer']>;
const open: TestSocket[] = [];

const env = {
  REALTIME_MAX_BUFFERED_BYTES: String(64 * 1024),
  REALTIME_MAX_CONNECTIONS_PER_USER: '3',
  REALTIME_AUTH_TIMEOUT_MS: '1500',
  REALTIME_RETAIN_PER_USER: '500',
  REALTIME_HEARTBEAT_MS: '60000',
  SHUTDOWN_GRACE_MS: '3000',
};

beforeAll(async () => {
  stack = await startStack({
    name: 'realtime',
    services: ['realtime'],
    consumes: { realtime: ['task-events', 'user-events'] },
    env,
  });
  a = stack.services.realtime!;
  // The second replica pings every second, to show dead sockets are cut.
  b = await startServiceUnderTest(stack.ctx, 'realtime', { ...env, REALTIME_HEARTBEAT_MS: '1000' });
  await bothReplicasConsuming();
  producer = kafkaClient(testEnvironment().kafkaBrokers, 'daybook-test').producer();
  await producer.connect();
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

afterAll(async () => {
  await producer?.disconnect();
  await b?.stop();
  await stack?.stop();
});

/** The replicas share one consumer group: wait until its rebalance for the second one is done. */
async function bothReplicasConsuming() {
  const admin = kafkaClient(testEnvironment().kafkaBrokers).admin();
  await admin.connect();
  try {
    await waitFor(
      'both replicas in the consumer group',
      async () => {
        const group = (await admin.describeGroups([a.consumerGroup])).groups[0];
        return group?.state === 'Stable' && group.members.length === 2;
      },
      { timeoutMs: 90_000 },
    );
  } finally {
    await admin.disconnect();
  }
  await waitForConsumerGroup(a.consumerGroup, ['task-events', 'user-events']);
}

const wsUrl = (replica: ServiceUnderTest) => `${replica.baseUrl.replace('http', 'ws')}/ws`;
const token = (userId: string) => stack.token(userId);

async function device(replica: ServiceUnderTest, userId: string, cursor: number | null = null) {
  const socket = await connectDevice(wsUrl(replica), token(userId), cursor);
  open.push(socket);
  return socket;
}

async function rawSocket(replica: ServiceUnderTest) {
  const socket = await openTestSocket(wsUrl(replica));
  open.push(socket);
  return socket;
}

function task(userId: string, overrides: Partial<TaskSnapshot> = {}): TaskSnapshot {
  return { ...taskCreated.example.task, id: randomUUID(), userId, title: 'Water the plants', ...overrides };
}

/** Publishes task events for `userId` onto the real task-events topic; returns their ids in order. */
async function publishTaskEvents(userId: string, count: number, overrides: Partial<TaskSnapshot> = {}) {
  const events = Array.from({ length: count }, (_, i) => {
    const t = task(userId, { title: `Task ${i}`, ...overrides });
    return buildCloudEvent(taskUpdated, { before: t, task: { ...t, version: 2 } });
  });
  // The broker takes at most 1 MB per batch.
  const perBatch = Math.max(1, Math.min(200, Math.floor(800_000 / JSON.stringify(events[0]).length)));
  for (let i = 0; i < events.length; i += perBatch) {
    await producer.send({
      topic: topicFor(taskUpdated.topic),
      messages: events.slice(i, i + perBatch).map((e) => ({ key: e.partitionkey, value: JSON.stringify(e) })),
    });
  }
  return events.map((e) => e.id);
}

async function metric(replica: ServiceUnderTest, name: string): Promise<number> {
  const text = await (await fetch(`${replica.baseUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(name) && !line.startsWith('#'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

async function changesSince(userId: string, since: number | string, limit?: number, replica = a) {
  const q = `since=${since}${limit ? `&limit=${limit}` : ''}`;
  const res = await fetch(`${replica.baseUrl}/api/realtime/changes?${q}`, {
    headers: { authorization: `Bearer ${token(userId)}` },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { cursor: number } };
}

test('two devices of one user, on different replicas, each get every change; another user gets nothing', async () => {
  const ada = randomUUID();
  const bob = randomUUID();
  const phone = await device(a, ada);
  const laptop = await device(b, ada);
  const other = await device(b, bob);
  expect(phone.frames).toEqual([{ type: 'ready', cursor: 0 }]);

  const ids = await publishTaskEvents(ada, 3);
  for (const d of [phone, laptop]) {
    await waitFor('three changes', () => d.changes().length === 3);
    expect(d.changes().map((f) => f.seq)).toEqual([1, 2, 3]);
    expect(new Set(d.changes().map((f) => f.event!.id))).toEqual(new Set(ids));
    expect(d.changes()[0]!.event).toMatchObject({ type: taskUpdated.type, data: { task: { userId: ada } } });
  }
  // bob's device hears nothing of ada's: a change of his own comes first and alone.
  await publishTaskEvents(bob, 1);
  await other.next('bob’s own change', (f) => f.type === 'change');
  expect(other.changes().map((f) => [f.seq, (f.event!.data.task as TaskSnapshot).userId])).toEqual([[1, bob]]);
});

test('a reconnect with a cursor gets exactly the missed changes, then ready, then live ones, on either replica', async () => {
  const ada = randomUUID();
  const first = await device(a, ada);
  await publishTaskEvents(ada, 5);
  await waitFor('five changes', () => first.changes().length === 5);
  await first.close();

  await publishTaskEvents(ada, 4);
  await waitFor('nine recorded', async () => (await changesSince(ada, 0)).body.cursor === 9);
  const again = await device(b, ada, 5);
  expect(again.frames.map((f) => (f.type === 'change' ? f.seq : f.type))).toEqual([6, 7, 8, 9, 'ready']);
  expect(again.frames.at(-1)).toEqual({ type: 'ready', cursor: 9 });
  await publishTaskEvents(ada, 1);
  await again.next('the live change', (f) => f.seq === 10);
});

test('randomised disconnects across both replicas over 1,000 events: zero gaps, zero duplicates', async () => {
  const ada = randomUUID();
  const total = 1_000;
  let cursor: number | null = null;
  const received: { seq: number; id: string }[] = [];
  let done = false;
  let reconnects = 0;

  const roam = async () => {
    while (!done) {
      const replica = Math.random() < 0.5 ? a : b;
      const socket = await openTestSocket(wsUrl(replica));
      socket.send({ type: 'auth', token: token(ada), cursor });
      // Stay for a random while (sometimes cut before even being ready), then vanish without a word.
      const stayMs = Math.random() * 400;
      await new Promise((r) => setTimeout(r, stayMs));
      await socket.close();
      for (const f of socket.frames) {
        if (f.type === 'resync') throw new Error(`unexpected resync at cursor ${cursor}`);
        if (f.type !== 'change') continue;
        received.push({ seq: f.seq!, id: f.event!.id });
        cursor = f.seq!;
      }
      if (cursor === null && socket.frames.some((f) => f.type === 'ready')) cursor = 0;
      reconnects++;
    }
  };
  const roaming = roam();
  await waitFor('the roaming device to start', () => cursor !== null);
  const ids: string[] = [];
  for (let i = 0; i < 10; i++) ids.push(...(await publishTaskEvents(ada, total / 10)));
  await waitFor('every change to reach the roaming device', () => received.length >= total, { timeoutMs: 120_000 });
  done = true;
  await roaming;

  expect(received.map((r) => r.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  expect(new Set(received.map((r) => r.id))).toEqual(new Set(ids));
  expect(reconnects).toBeGreaterThan(5);
}, 240_000);

test('a slow client is cut with 4008 and resumes from its cursor without losing anything', async () => {
  const ada = randomUUID();
  const total = 300;
  const slow = await device(a, ada);
  slow.stopReading();
  const dropped = await metric(a, 'daybook_realtime_slow_consumers_dropped_total');
  // 300 changes of ~40 KB each: far more than the kernel's socket buffers (a few MB on
  // loopback) and the 64 KiB queue hold.
  const ids = await publishTaskEvents(ada, total, { notes: 'x'.repeat(19_000) });
  await waitFor(
    'the slow consumer to be cut',
    async () => (await metric(a, 'daybook_realtime_slow_consumers_dropped_total')) > dropped,
    { timeoutMs: 60_000 },
  );
  slow.resumeReading();
  expect(await slow.closedWith()).toBe(4008);
  const got = slow.changes().map((f) => f.seq!);
  expect(got).toEqual(Array.from({ length: got.length }, (_, i) => i + 1));
  expect(got.length).toBeLessThan(total);

  await waitFor('all recorded', async () => (await changesSince(ada, total - 1)).body.cursor === total, {
    timeoutMs: 60_000,
  });
  const resumed = await device(b, ada, got.length);
  await waitFor('the rest', () => resumed.changes().length === total - got.length, { timeoutMs: 30_000 });
  const all = [...slow.changes(), ...resumed.changes()];
  expect(all.map((f) => f.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  expect(new Set(all.map((f) => f.event!.id))).toEqual(new Set(ids));
}, 120_000);

test('a cursor from the future or behind retention gets resync with the current cursor, then ready', async () => {
  const ada = randomUUID();
  await publishTaskEvents(ada, 2);
  await waitFor('two recorded', async () => (await changesSince(ada, 0)).body.cursor === 2);
  const future = await device(a, ada, 99);
  expect(future.frames).toEqual([
    { type: 'resync', cursor: 2 },
    { type: 'ready', cursor: 2 },
  ]);
  expect(await changesSince(ada, 99)).toEqual({ status: 410, body: { error: 'resync', cursor: 2 } });

  // 600 changes with 500 kept: the oldest are gone, so cursor 0 can no longer be served.
  const bea = randomUUID();
  await publishTaskEvents(bea, 600);
  await waitFor('600 recorded', async () => (await changesSince(bea, 599)).body.cursor === 600, { timeoutMs: 60_000 });
  expect(await changesSince(bea, 0)).toEqual({ status: 410, body: { error: 'resync', cursor: 600 } });
  const old = await device(b, bea, 0);
  expect(old.frames).toEqual([
    { type: 'resync', cursor: 600 },
    { type: 'ready', cursor: 600 },
  ]);
  const page = await changesSince(bea, 590, 5);
  expect(page.status).toBe(200);
  expect(page.body).toMatchObject({ cursor: 595, hasMore: true });
  expect((page.body.changes as { seq: number }[]).map((c) => c.seq)).toEqual([591, 592, 593, 594, 595]);
}, 120_000);

test('GET /api/realtime/changes: pages with a sync token, 400 naming a bad parameter, 401 without a token', async () => {
  const ada = randomUUID();
  const ids = await publishTaskEvents(ada, 3);
  await waitFor('three recorded', async () => (await changesSince(ada, 0)).body.cursor === 3);
  const first = await changesSince(ada, 0, 2, b);
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ cursor: 2, hasMore: true });
  const rest = await changesSince(ada, 2, 2);
  expect(rest.body).toMatchObject({ cursor: 3, hasMore: false });
  const events = [
    ...(first.body.changes as { event: { id: string } }[]),
    ...(rest.body.changes as { event: { id: string } }[]),
  ];
  expect(new Set(events.map((c) => c.event.id))).toEqual(new Set(ids));
  expect((await changesSince(ada, 3)).body).toEqual({ changes: [], cursor: 3, hasMore: false });
  // Another user's cursor means nothing here: bob has no changes, so 3 is from his future.
  expect(await changesSince(randomUUID(), 3)).toEqual({ status: 410, body: { error: 'resync', cursor: 0 } });

  for (const [since, field] of [
    ['-1', 'query.since'],
    ['abc', 'query.since'],
    ['', 'query.since'],
  ] as const) {
    const res = await changesSince(ada, since);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain(field);
  }
  const badLimit = await changesSince(ada, 0, 501);
  expect(badLimit.status).toBe(400);
  expect(JSON.stringify(badLimit.body)).toContain('query.limit');
  expect((await fetch(`${a.baseUrl}/api/realtime/changes?since=0`)).status).toBe(401);
});

test('bad frames, tokens and timing get an error frame and the right close code', async () => {
  const ada = randomUUID();
  const expect4000 = async (data: string | Buffer) => {
    const s = await rawSocket(a);
    s.sendRaw(data);
    expect(await s.closedWith()).toBe(4000);
    expect(s.frames).toEqual([expect.objectContaining({ type: 'error', code: 'bad-frame' })]);
    return s.frames[0]!.message;
  };
  expect(await expect4000('not json')).toContain('not JSON');
  expect(await expect4000('{"type":"subscribe"}')).toContain('type');
  expect(await expect4000(JSON.stringify({ type: 'auth', token: token(ada), cursor: -3 }))).toContain('cursor');
  expect(await expect4000(Buffer.from([1, 2, 3]))).toContain('binary');

  const close = async (frames: unknown[], code: number) => {
    const s = await rawSocket(a);
    for (const f of frames) s.send(f);
    expect(await s.closedWith()).toBe(code);
    return s;
  };
  await close([{ type: 'ping' }], 4001);
  await close([{ type: 'auth', token: 'not.a.token', cursor: null }], 4001);
  await close(
    [{ type: 'auth', token: mintAccessToken(stack.secrets, ada, { expiresInSeconds: -60 }), cursor: null }],
    4002,
  );
  // No auth frame in time (1.5 s here).
  expect((await close([], 4001)).frames).toEqual([expect.objectContaining({ code: 'not-authenticated' })]);

  const big = await rawSocket(a);
  big.sendRaw(JSON.stringify({ type: 'auth', token: 'x'.repeat(70 * 1024), cursor: null }));
  expect(await big.closedWith()).toBe(1009);

  // Authenticated: a second auth frame is a bad frame; ping answers pong.
  const s = await device(a, ada);
  s.send({ type: 'ping' });
  await s.next('pong', (f) => f.type === 'pong');
  s.send({ type: 'auth', token: token(ada), cursor: null });
  expect(await s.closedWith()).toBe(4000);
});

test('a refreshed token keeps the socket open; another user’s token closes it 4001; expiry closes it 4002', async () => {
  const ada = randomUUID();
  const short = mintAccessToken(stack.secrets, ada, { expiresInSeconds: 3 });
  const s = await connectDevice(wsUrl(a), short, null);
  open.push(s);
  const fresh = mintAccessToken(stack.secrets, ada, { expiresInSeconds: 600 });
  s.send({ type: 'token', token: fresh });
  const accepted = await s.next('token-accepted', (f) => f.type === 'token-accepted');
  expect(new Date(accepted.expiresAt!).getTime()).toBeGreaterThan(Date.now() + 500_000);
  s.send({ type: 'token', token: token(randomUUID()) });
  expect(await s.closedWith()).toBe(4001);

  const expiring = await connectDevice(wsUrl(b), mintAccessToken(stack.secrets, ada, { expiresInSeconds: 2 }), null);
  open.push(expiring);
  expect(await expiring.closedWith(10_000)).toBe(4002);
  expect(expiring.frames.at(-1)).toMatchObject({ type: 'error', code: 'token-expired' });
});

test('a user may hold only so many sockets on a replica: the next is closed 4029', async () => {
  const ada = randomUUID();
  for (let i = 0; i < 3; i++) await device(a, ada);
  const fourth = await rawSocket(a);
  fourth.send({ type: 'auth', token: token(ada), cursor: null });
  expect(await fourth.closedWith()).toBe(4029);
  // Another replica counts its own.
  await device(b, ada);
});

test('a socket that stops answering pings is terminated', async () => {
  const ada = randomUUID();
  const before = await metric(b, 'daybook_realtime_connections_closed_total{code="terminated"');
  const dead = await device(b, ada);
  dead.stopReading();
  await waitFor(
    'the dead socket to be terminated',
    async () => (await metric(b, 'daybook_realtime_connections_closed_total{code="terminated"')) > before,
    { timeoutMs: 15_000 },
  );
});

test('a deleted account’s log is purged: its old cursors resync', async () => {
  const ada = randomUUID();
  await publishTaskEvents(ada, 2);
  await waitFor('two recorded', async () => (await changesSince(ada, 0)).body.cursor === 2);
  const event = buildCloudEvent(userDeleted, { userId: ada, deletedAt: new Date().toISOString() });
  await producer.send({ topic: topicFor(userDeleted.topic), messages: [{ key: ada, value: JSON.stringify(event) }] });
  await waitFor('the log to be purged', async () => (await changesSince(ada, 2)).status === 410);
  expect(await changesSince(ada, 0)).toEqual({ status: 200, body: { changes: [], cursor: 0, hasMore: false } });
});

test('nothing is lost while every replica is down; a restarting replica tells its clients 1012', async () => {
  const ada = randomUUID();
  const onA = await device(a, ada);
  const onB = await device(b, ada);
  // One change on each partition, so the consumer group has committed an offset on each:
  // a partition it never committed on would start at the newest offset (initialOffset) and
  // skip what was published while nobody consumed. In production every partition has had
  // commits long before.
  const seed = Array.from({ length: TOPIC_PARTITIONS }, (_, partition) => {
    const t = task(ada);
    const event = buildCloudEvent(taskUpdated, { before: t, task: { ...t, version: 2 } });
    return { partition, key: event.partitionkey, value: JSON.stringify(event) };
  });
  await producer.send({ topic: topicFor(taskUpdated.topic), messages: seed });
  const seeded = TOPIC_PARTITIONS;
  await waitFor('the seed changes', () => onA.changes().length === seeded && onB.changes().length === seeded);

  // Sidecars first, as in a pod's shutdown; then the apps, whose clients are told to go elsewhere.
  await Promise.all([a.stopSidecar(), b.stopSidecar()]);
  await Promise.all([a.stopApp(), b.stopApp()]);
  expect([onA.closed?.code, onB.closed?.code]).toEqual([1012, 1012]);

  const ids = await publishTaskEvents(ada, 5);
  await Promise.all([a.startSidecar(), a.startApp(), b.startSidecar(), b.startApp()]);
  await bothReplicasConsuming();
  const back = await device(b, ada, seeded);
  await waitFor('the five changes made while every replica was down', () => back.changes().length === 5, {
    timeoutMs: 60_000,
  });
  expect(back.changes().map((f) => f.seq)).toEqual([1, 2, 3, 4, 5].map((n) => seeded + n));
  expect(new Set(back.changes().map((f) => f.event!.id))).toEqual(new Set(ids));
}, 180_000);
