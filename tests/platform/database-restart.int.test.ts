import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { deadLetterTopic, reminderDue, taskCreated, userRegistered } from '@daybook/contracts';
import { buildCloudEvent, relayApplicationName } from '@daybook/service-kit';
import { kafkaClient, startPrivatePostgres, type PrivatePostgres } from '@daybook/substrate';
import {
  asUser,
  dateTimeFrom,
  freePort,
  kafkaTap,
  startStack,
  testEnvironment,
  topicFor,
  waitFor,
  type KafkaTap,
  type ServiceUnderTest,
  type Stack,
} from '@daybook/testing';

// The event backbone must survive its database: every service beside its daprd on a
// PostgreSQL server of this file's own, which the tests restart (fast and immediate) and
// whose relay connections they kill from the server side, while events flow. Every event
// must arrive, with no service restarted.
let pg: PrivatePostgres;
let pgDir: string;
let stack: Stack;
let tap: KafkaTap;
let dlqTap: KafkaTap;
let svc: Record<'identity' | 'tasks' | 'recurring' | 'reminders' | 'audit', ServiceUnderTest>;
const ada = randomUUID();
let pids: Record<string, number>;

beforeAll(async () => {
  pgDir = mkdtempSync(join(tmpdir(), 'daybook-pg-restart-'));
  chmodSync(pgDir, 0o755); // the server runs as the postgres user when we are root
  pg = await startPrivatePostgres({ dataDir: join(pgDir, 'data'), port: await freePort() });
  stack = await startStack({
    name: 'pg-restart',
    services: ['identity', 'tasks', 'recurring', 'reminders', 'audit'],
    adminDatabaseUrl: pg.adminUrl,
    consumes: {
      audit: ['task-events', 'user-events'],
      recurring: ['task-events'],
      reminders: ['task-events'],
      tasks: ['recurring-events'],
    },
    // Readiness gives up on a relay without its database after 3 s (30 s by default).
    env: { OUTBOX_STALL_READY_MS: '3000' },
  });
  svc = stack.services as typeof svc;
  pids = Object.fromEntries(Object.values(svc).map((s) => [s.name, s.process.pid]));
  tap = await kafkaTap(['task-events', 'user-events', 'reminder-events']);
  dlqTap = await kafkaTap([deadLetterTopic('task-events'), deadLetterTopic('user-events')]);
});

afterAll(async () => {
  await tap?.stop();
  await dlqTap?.stop();
  await stack?.stop();
  await pg?.destroy();
  if (pgDir) rmSync(pgDir, { recursive: true, force: true });
});

const tasksApi = () => asUser(stack.token(ada));

/**
 * Creates a task, retrying while the service answers 5xx or not at all (the database is
 * away); any 4xx is the test's own mistake and fails at once. Resolves with the task id.
 */
async function createTask(title: string, extra: Record<string, unknown> = {}): Promise<string> {
  let refused: string | undefined;
  const id = await waitFor(
    `the task "${title}" to be created`,
    async () => {
      const r = await tasksApi()<{ id: string }>(svc.tasks.baseUrl, 'POST', '/api/tasks', { title, ...extra });
      if (r.status >= 400 && r.status < 500) refused = `${r.status} ${JSON.stringify(r.body)}`;
      return r.status === 201 ? r.body.id : refused; // a refusal ends the wait, and fails below
    },
    { timeoutMs: 60_000, intervalMs: 100 },
  );
  if (refused) throw new Error(`creating "${title}" was refused: ${refused}`);
  return id;
}

/** Task ids whose task.created the audit service has recorded. */
async function audited(ids: string[]): Promise<Set<string>> {
  const client = new Client({ connectionString: stack.db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ entity_id: string }>(
      'SELECT entity_id FROM audit.audit_entries WHERE event_type = $1 AND entity_id = ANY($2)',
      [taskCreated.type, ids],
    );
    return new Set(rows.map((r) => r.entity_id));
  } finally {
    await client.end();
  }
}

/** Writes tasks continuously while `disrupt` runs, then waits until audit has every one. */
async function writeThrough(disrupt: () => Promise<void>): Promise<string[]> {
  const ids: string[] = [];
  let writing = true;
  const writer = (async () => {
    for (let i = 0; writing || i < 3; i++) ids.push(await createTask(`task ${i} ${randomUUID().slice(0, 8)}`));
  })();
  await waitFor('a few tasks written before the disruption', async () => ids.length >= 3);
  await disrupt();
  const before = ids.length;
  await waitFor('tasks written after the disruption', async () => ids.length >= before + 3, { timeoutMs: 60_000 });
  writing = false;
  await writer;
  // Each created task reaches Kafka and is recorded by audit: nothing stuck in an outbox.
  let recorded = 0;
  await waitFor(
    `audit to record all ${ids.length} tasks`,
    async () => (recorded = (await audited(ids)).size) === ids.length,
    { timeoutMs: 90_000, onTimeout: () => ` (it has ${recorded})` },
  );
  // And each is on the topic as the tap reads it (its consumer may be behind audit's).
  await waitFor('every task.created on the topic', () =>
    ids.every((id) => tap.messages.some((m) => m.key === id && m.json?.type === taskCreated.type)),
  );
  return ids;
}

/** Every other service still publishes and consumes: identity, recurring, reminders. */
async function everyServiceStillWorks(): Promise<void> {
  const email = `pg-${randomUUID()}@example.com`;
  const signup = await fetch(`${svc.identity.baseUrl}/api/identity/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'correct horse battery', timeZone: 'Europe/London' }),
  });
  expect(signup.status).toBe(201);
  await tap.waitFor(
    'user.registered',
    (m) => m.topic === topicFor(userRegistered.topic) && JSON.stringify(m.json?.data ?? {}).includes(email),
    60_000,
  );
  // reminders: task event in, Dapr job, reminder.due out.
  const remind = await createTask('remind me', {
    reminders: [{ type: 'absolute', at: new Date(Date.now() + 2_000).toISOString() }],
  });
  await tap.waitFor('reminder.due', (m) => m.key === remind && m.json?.type === reminderDue.type, 60_000);
  // recurring: task.completed in, occurrence requested out, tasks creates the next one.
  const api = tasksApi();
  const first = await createTask('daily', {
    due: { dateTime: dateTimeFrom(1, '09:00'), timeZone: 'UTC' },
    recurrence: { rrule: 'FREQ=DAILY', mode: 'after-completion' },
  });
  expect(
    (await api(svc.tasks.baseUrl, 'POST', `/api/tasks/${first}/complete`, undefined, { 'if-match': '"1"' })).status,
  ).toBe(200);
  await waitFor('the next occurrence', async () => {
    const r = await api<{ items: { seriesId: string | null; id: string }[] }>(
      svc.tasks.baseUrl,
      'GET',
      '/api/tasks?limit=100',
    );
    return r.body.items.some((t) => t.seriesId === first && t.id !== first);
  });
}

function noServiceRestarted() {
  for (const s of Object.values(svc)) {
    expect({ service: s.name, pid: s.process.pid, exited: s.process.child.exitCode }).toEqual({
      service: s.name,
      pid: pids[s.name],
      exited: null,
    });
  }
}

async function outboxGauges(service: ServiceUnderTest): Promise<{ pending: number; oldestAge: number }> {
  const text = await (await fetch(`${service.baseUrl}/metrics`)).text();
  const value = (name: string) => Number(text.match(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm'))?.[1]);
  return { pending: value('daybook_outbox_pending'), oldestAge: value('daybook_outbox_oldest_pending_age_seconds') };
}

test('a fast restart of PostgreSQL while events flow: every event arrives, no service restarts', async () => {
  await writeThrough(() => pg.restart('fast'));
  await everyServiceStillWorks();
  noServiceRestarted();
});

test('an immediate (crash) restart of PostgreSQL while events flow: the same', async () => {
  await writeThrough(() => pg.restart('immediate'));
  await everyServiceStillWorks();
  noServiceRestarted();
});

test('relay connections killed from the server side: the relays reconnect and publish', async () => {
  await writeThrough(async () => {
    const killed = await Promise.all(
      ['identity', 'tasks', 'recurring', 'reminders', 'audit'].map((s) => pg.terminate(relayApplicationName(s))),
    );
    expect(killed.every((n) => n === 1)).toBe(true);
  });
  await everyServiceStillWorks();
  noServiceRestarted();
});

test('readiness fails while the relay has been without its database too long, and the gauges tell what is stuck', async () => {
  await pg.stop('fast');
  try {
    const notReady = await waitFor(
      'tasks to report not ready',
      async () => {
        const r = await fetch(`${svc.tasks.baseUrl}/readyz`);
        const body = (await r.json()) as { checks: Record<string, string> };
        return r.status === 503 && body.checks.outbox !== 'ok' ? body : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(notReady.checks.outbox).toMatch(/outbox relay without a database connection/);
  } finally {
    await pg.start();
  }
  await waitFor('tasks to be ready again', async () => (await fetch(`${svc.tasks.baseUrl}/readyz`)).status === 200);
  // Nothing unpublished once the backbone is back; the gauges are measured, not remembered.
  await createTask('after the outage');
  await waitFor('the outbox to drain', async () => (await outboxGauges(svc.tasks)).pending === 0);
  expect(await outboxGauges(svc.tasks)).toEqual({ pending: 0, oldestAge: 0 });
  noServiceRestarted();
});

test('the outbox gauges count what is really unpublished, and how old it is', async () => {
  await svc.tasks.stopSidecar();
  try {
    await createTask('held back while the sidecar is away');
    const stuck = await waitFor('the gauges to show the stuck event', async () => {
      const g = await outboxGauges(svc.tasks);
      return g.pending >= 1 && g.oldestAge > 1 ? g : undefined;
    });
    expect(stuck.pending).toBe(1);
  } finally {
    await svc.tasks.startSidecar();
  }
  await waitFor('the outbox to drain', async () => (await outboxGauges(svc.tasks)).pending === 0, {
    timeoutMs: 60_000,
  });
  expect((await outboxGauges(svc.tasks)).oldestAge).toBe(0);
});

test('a 60-second database outage: events keep arriving, nothing is dead-lettered, all are applied after', async () => {
  // Events reach the broker while every consumer's database is away (written straight to
  // the topic, as a relay of a service on another database would). Each delivery fails and
  // is retried; the retry budget must outlast the outage.
  const producer = kafkaClient(testEnvironment().kafkaBrokers, 'daybook-test').producer();
  await producer.connect();
  const events = Array.from({ length: 5 }, () => {
    const task = { ...taskCreated.example.task, id: randomUUID(), userId: ada, title: 'sent during the outage' };
    return buildCloudEvent(taskCreated, { task });
  });
  const outageStarted = Date.now();
  await pg.stop('fast');
  try {
    await producer.send({
      topic: topicFor(taskCreated.topic),
      messages: events.map((e) => ({ key: e.partitionkey, value: JSON.stringify(e) })),
    });
    // The outage itself is the scenario: it lasts a minute, whatever else happens.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 60_000 - (Date.now() - outageStarted))));
  } finally {
    await producer.disconnect();
    await pg.start();
  }
  const ids = events.map((e) => e.data.task.id);
  let recorded = 0;
  await waitFor(
    'audit to apply every event sent during the outage',
    async () => (recorded = (await audited(ids)).size) === ids.length,
    { timeoutMs: 120_000, onTimeout: () => ` (it has ${recorded})` },
  );
  expect(dlqTap.messages.filter((m) => ids.some((id) => m.value.includes(id)))).toEqual([]);
  noServiceRestarted();
}, 300_000);
