import { randomUUID } from 'node:crypto';
import { reminderDue, userDeleted, type TaskSnapshot } from '@daybook/contracts';
import { buildCloudEvent } from '@daybook/service-kit';
import { kafkaClient } from '@daybook/substrate';
import {
  asUser,
  instantFrom,
  kafkaTap,
  startStack,
  testEnvironment,
  topicFor,
  waitFor,
  type KafkaTap,
  type ServiceUnderTest,
  type Stack,
} from '@daybook/testing';

// tasks and reminders beside their sidecars; reminder jobs go through the real Scheduler.
let stack: Stack;
let tasks: ServiceUnderTest;
let reminders: ServiceUnderTest;
let tap: KafkaTap;

beforeAll(async () => {
  stack = await startStack({
    name: 'reminders',
    services: ['tasks', 'reminders'],
    consumes: { reminders: ['task-events', 'user-events'] },
  });
  ({ tasks, reminders } = stack.services as { tasks: ServiceUnderTest; reminders: ServiceUnderTest });
  tap = await kafkaTap([reminderDue.topic]);
});

afterAll(async () => {
  await tap?.stop();
  await stack?.stop();
});

function person() {
  const http = asUser(stack.token(randomUUID()));
  const call = (base: string, method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    http<TaskSnapshot & { items: { reminderId: string; status: string }[] }>(base, method, path, body, headers);
  return {
    tasks: (method: string, path: string, body?: unknown, extra?: Record<string, string>) =>
      call(tasks.baseUrl, method, path, body, extra),
    reminders: (method: string, path: string, body?: unknown) => call(reminders.baseUrl, method, path, body),
  };
}

/** The fields a 400 names in `details.problems`. */
const fieldsOf = (body: unknown) =>
  (body as { error: { details: { problems: { field: string }[] } } }).error.details.problems.map((p) => p.field);

const inSeconds = (s: number) => new Date(Math.ceil((Date.now() + s * 1000) / 1000) * 1000);
const firings = (taskId: string) =>
  tap.messages.filter((m) => m.key === taskId).map((m) => m.json as { data: { firedAt: string; reminderId: string } });

async function scheduled(who: ReturnType<typeof person>, taskId: string) {
  return waitFor('the reminder to be scheduled', async () => {
    const r = await who.reminders('GET', `/api/reminders?taskId=${taskId}`);
    return r.body.items.length > 0 && r.body.items.every((i) => i.status === 'scheduled') ? r.body.items : undefined;
  });
}

test('a reminder fires once, not before its time, with the task it belongs to', async () => {
  const ada = person();
  const at = inSeconds(3);
  const task = (
    await ada.tasks('POST', '/api/tasks', {
      title: 'Call the dentist',
      reminders: [{ type: 'absolute', at: at.toISOString() }],
    })
  ).body;
  await scheduled(ada, task.id);
  const fired = await tap.waitFor('reminder.due', (m) => m.key === task.id, 60_000);
  const event = reminderDue.schema.parse((fired.json as { data: unknown }).data);
  expect(event).toMatchObject({ taskId: task.id, taskTitle: 'Call the dentist', reminderId: task.reminders[0]!.id });
  expect(new Date(event.firedAt).getTime()).toBeGreaterThanOrEqual(at.getTime());
  await waitFor(
    'the reminder to show as fired',
    async () => (await ada.reminders('GET', `/api/reminders?taskId=${task.id}`)).body.items[0]?.status === 'fired',
  );
  expect(firings(task.id)).toHaveLength(1);
});

/** How many task.updated events reminders has applied (its /metrics). */
async function consumedUpdates(): Promise<number> {
  const text = await (await fetch(`${reminders.baseUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('daybook_events_consumed_total{') && l.includes('type="daybook.task.updated.v1"'))
    .filter((l) => l.includes('outcome="success"'))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

test('an edit of the task right after its reminder fired does not fire it again', async () => {
  const ada = person();
  const at = inSeconds(2);
  const task = (
    await ada.tasks('POST', '/api/tasks', {
      title: 'Water the plants',
      reminders: [{ type: 'absolute', at: at.toISOString() }],
    })
  ).body;
  await tap.waitFor('reminder.due', (m) => m.key === task.id, 60_000);
  await waitFor(
    'the reminder to show as fired',
    async () => (await ada.reminders('GET', `/api/reminders?taskId=${task.id}`)).body.items[0]?.status === 'fired',
  );
  // Within the late grace (5 min), the reminder's time is still "wanted": the edit must
  // not schedule it again.
  const updatesBefore = await consumedUpdates();
  const edited = await ada.tasks('PATCH', `/api/tasks/${task.id}`, { title: 'Water the ferns' }, { 'if-match': '"1"' });
  expect(edited.status).toBe(200);
  await waitFor('reminders to handle the edit', async () => (await consumedUpdates()) > updatesBefore);
  // A witness reminder due after the edit: once it has fired, a second firing of the
  // first (which would be due at once) would have come before it.
  const witness = (
    await ada.tasks('POST', '/api/tasks', {
      title: 'witness',
      reminders: [{ type: 'absolute', at: inSeconds(2).toISOString() }],
    })
  ).body;
  await tap.waitFor('the witness reminder', (m) => m.key === witness.id, 60_000);
  expect(firings(task.id)).toHaveLength(1);
});

test('completing or deleting the task cancels its reminders; moving the time reschedules', async () => {
  const ada = person();
  const at = inSeconds(4);
  const reminder = [{ type: 'absolute', at: at.toISOString() }];
  const completed = (await ada.tasks('POST', '/api/tasks', { title: 'done early', reminders: reminder })).body;
  const deleted = (await ada.tasks('POST', '/api/tasks', { title: 'deleted', reminders: reminder })).body;
  const moved = (await ada.tasks('POST', '/api/tasks', { title: 'moved', reminders: reminder })).body;
  const witness = (await ada.tasks('POST', '/api/tasks', { title: 'witness', reminders: reminder })).body;
  await Promise.all([completed, deleted, moved, witness].map((t) => scheduled(ada, t.id)));

  await ada.tasks('POST', `/api/tasks/${completed.id}/complete`, undefined, { 'if-match': '"1"' });
  await ada.tasks('DELETE', `/api/tasks/${deleted.id}`);
  const later = inSeconds(8);
  await ada.tasks(
    'PATCH',
    `/api/tasks/${moved.id}`,
    { reminders: [{ type: 'absolute', at: later.toISOString() }] },
    { 'if-match': '"1"' },
  );
  await waitFor('the cancellations to reach reminders', async () => {
    const [a, b] = await Promise.all(
      [completed, deleted].map(
        async (t) => (await ada.reminders('GET', `/api/reminders?taskId=${t.id}`)).body.items.length,
      ),
    );
    return a === 0 && b === 0;
  });

  await tap.waitFor('the witness reminder', (m) => m.key === witness.id, 60_000);
  const movedFiring = await tap.waitFor('the moved reminder', (m) => m.key === moved.id, 60_000);
  expect(new Date((movedFiring.json as { data: { firedAt: string } }).data.firedAt).getTime()).toBeGreaterThanOrEqual(
    later.getTime(),
  );
  expect(firings(completed.id)).toEqual([]);
  expect(firings(deleted.id)).toEqual([]);
  expect(firings(moved.id)).toHaveLength(1); // the old scheduling never fired
});

test('snooze fires the reminder again later; bad snoozes are refused', async () => {
  const ada = person();
  const task = (
    await ada.tasks('POST', '/api/tasks', {
      title: 'Stretch',
      reminders: [{ type: 'absolute', at: inSeconds(2).toISOString() }],
    })
  ).body;
  await scheduled(ada, task.id);
  await tap.waitFor('the first firing', (m) => m.key === task.id, 60_000);
  const reminderId = task.reminders[0]!.id;
  const until = inSeconds(3);
  const snoozed = await ada.reminders('POST', '/api/reminders/snooze', {
    taskId: task.id,
    reminderId,
    until: until.toISOString(),
  });
  expect(snoozed.status).toBe(200);
  await waitFor('the second firing', () => firings(task.id).length === 2, { timeoutMs: 60_000 });
  expect(new Date(firings(task.id)[1]!.data.firedAt).getTime()).toBeGreaterThanOrEqual(until.getTime());

  // Each refusal is a 400 naming the field, like every other 400.
  const bad: [Record<string, unknown>, string][] = [
    [{ taskId: task.id, reminderId, minutes: 5, until: until.toISOString() }, 'body.minutes'],
    [{ taskId: task.id, reminderId }, 'body.minutes'],
    [{ taskId: task.id, reminderId, until: '2020-01-01T00:00:00Z' }, 'body.until'],
    [{ taskId: task.id, reminderId, until: instantFrom(40, '09:00').toISO()! }, 'body.until'],
    [{ taskId: 'x', reminderId, minutes: 5 }, 'body.taskId'],
  ];
  for (const [body, field] of bad) {
    const r = await ada.reminders('POST', '/api/reminders/snooze', body);
    expect({ body, status: r.status, fields: fieldsOf(r.body) }).toEqual({
      body,
      status: 400,
      fields: [field],
    });
  }
  const eve = person();
  expect(
    (await eve.reminders('POST', '/api/reminders/snooze', { taskId: task.id, reminderId, minutes: 5 })).status,
  ).toBe(404);
  expect((await eve.reminders('GET', `/api/reminders?taskId=${task.id}`)).body.items).toEqual([]);
});

test('reminders due while the service, then its sidecar, are down still fire — once each', async () => {
  const ada = person();
  // Far enough ahead that each outage starts before its reminder is due, on a loaded CI
  // machine too (at 4 s, one run's first reminder fired before the app was stopped).
  const aAt = inSeconds(8);
  const bAt = inSeconds(20);
  const a = (
    await ada.tasks('POST', '/api/tasks', {
      title: 'during app outage',
      reminders: [{ type: 'absolute', at: aAt.toISOString() }],
    })
  ).body;
  const b = (
    await ada.tasks('POST', '/api/tasks', {
      title: 'during sidecar outage',
      reminders: [{ type: 'absolute', at: bAt.toISOString() }],
    })
  ).body;
  await Promise.all([scheduled(ada, a.id), scheduled(ada, b.id)]);

  await reminders.stopApp();
  await waitFor('the first reminder’s time to pass', () => Date.now() > aAt.getTime() + 1_000, { timeoutMs: 30_000 });
  expect(firings(a.id)).toEqual([]);
  await reminders.startApp();
  await tap.waitFor('the first reminder, after the service is back', (m) => m.key === a.id, 90_000);

  await reminders.stopSidecar();
  await waitFor('the second reminder’s time to pass', () => Date.now() > bAt.getTime() + 1_000, { timeoutMs: 30_000 });
  await reminders.startSidecar();
  await tap.waitFor('the second reminder, after the sidecar is back', (m) => m.key === b.id, 90_000);

  // Both once, and the service is whole again.
  expect(firings(a.id)).toHaveLength(1);
  expect(firings(b.id)).toHaveLength(1);
  expect((await fetch(`${reminders.baseUrl}/readyz`)).status).toBe(200);
});

test('when an account is deleted, its reminder jobs are cancelled and forgotten', async () => {
  const userId = randomUUID();
  const headers = { authorization: `Bearer ${stack.token(userId)}`, 'content-type': 'application/json' };
  const res = await fetch(`${tasks.baseUrl}/api/tasks`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ title: 'Never mind', reminders: [{ type: 'absolute', at: inSeconds(3600).toISOString() }] }),
  });
  const task = (await res.json()) as TaskSnapshot;
  const job = `reminder--${task.id}.${task.reminders[0]!.id}.1`;
  await waitFor('the reminder job', async () => (await reminders.sidecar.client.getJob(job)) !== undefined);

  const event = buildCloudEvent(userDeleted, { userId, deletedAt: new Date().toISOString() });
  const producer = kafkaClient(testEnvironment().kafkaBrokers, 'daybook-test').producer();
  await producer.connect();
  await producer.send({
    topic: topicFor(userDeleted.topic),
    messages: [{ key: userId, value: JSON.stringify(event) }],
  });
  await producer.disconnect();

  await waitFor('the job to be cancelled', async () => (await reminders.sidecar.client.getJob(job)) === undefined);
  const left = await fetch(`${reminders.baseUrl}/api/reminders?taskId=${task.id}`, { headers });
  expect(((await left.json()) as { items: unknown[] }).items).toEqual([]);
});
