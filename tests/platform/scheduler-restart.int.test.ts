import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { reminderDue, type TaskSnapshot } from '@daybook/contracts';
import {
  kafkaTap,
  startPrivateScheduler,
  startStack,
  testEnvironment,
  waitFor,
  type KafkaTap,
  type PrivateScheduler,
  type ServiceUnderTest,
  type Stack,
} from '@daybook/testing';

// A Scheduler of this file's own, so stopping it disturbs no other test.
let scheduler: PrivateScheduler;
let stack: Stack;
let tasks: ServiceUnderTest;
let reminders: ServiceUnderTest;
let tap: KafkaTap;

beforeAll(async () => {
  scheduler = await startPrivateScheduler(
    join(testEnvironment().logDir, `scheduler-restart-${randomUUID().slice(0, 8)}`),
  );
  stack = await startStack({
    name: 'scheduler-restart',
    services: ['tasks', 'reminders'],
    consumes: { reminders: ['task-events'] },
    schedulerAddress: scheduler.address,
  });
  ({ tasks, reminders } = stack.services as { tasks: ServiceUnderTest; reminders: ServiceUnderTest });
  tap = await kafkaTap([reminderDue.topic]);
});

afterAll(async () => {
  await tap?.stop();
  await stack?.stop();
  await scheduler?.stop();
});

test('a reminder due while the Scheduler is down fires once it is back — once', async () => {
  const headers = {
    authorization: `Bearer ${stack.token(randomUUID())}`,
    'content-type': 'application/json',
  };
  // Far enough ahead that the Scheduler is down before it is due, even on a loaded machine.
  const at = new Date(Math.ceil((Date.now() + 20_000) / 1000) * 1000);
  const res = await fetch(`${tasks.baseUrl}/api/tasks`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      title: 'Survives a Scheduler restart',
      reminders: [{ type: 'absolute', at: at.toISOString() }],
    }),
  });
  const task = (await res.json()) as TaskSnapshot;
  await waitFor('the reminder job to exist', async () => {
    const r = await fetch(`${reminders.baseUrl}/api/reminders?taskId=${task.id}`, { headers });
    return ((await r.json()) as { items: unknown[] }).items.length === 1;
  });

  await scheduler.stop();
  expect(Date.now()).toBeLessThan(at.getTime()); // the precondition of this test
  await waitFor('the reminder’s time to pass', () => Date.now() > at.getTime() + 1_000, { timeoutMs: 30_000 });
  expect(tap.messages.filter((m) => m.key === task.id)).toEqual([]);
  await scheduler.start();

  const fired = await tap.waitFor('the reminder after the restart', (m) => m.key === task.id, 120_000);
  expect(new Date((fired.json as { data: { firedAt: string } }).data.firedAt).getTime()).toBeGreaterThan(at.getTime());
  // Once: the row is marked fired, and any repeated trigger finds nothing to publish.
  await waitFor('the reminder to show as fired', async () => {
    const r = await fetch(`${reminders.baseUrl}/api/reminders?taskId=${task.id}`, { headers });
    return ((await r.json()) as { items: { status: string }[] }).items[0]?.status === 'fired';
  });
  expect(tap.messages.filter((m) => m.key === task.id)).toHaveLength(1);
});
