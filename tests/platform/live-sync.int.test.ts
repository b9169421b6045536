import { randomUUID } from 'node:crypto';
import { taskCreated, taskUpdated, type TaskSnapshot } from '@daybook/contracts';
import { asUser, connectDevice, startStack, waitFor, type Stack, type TestSocket } from '@daybook/testing';

// The full path of a live change: HTTP → tasks → outbox → Kafka → realtime → every device.
let stack: Stack;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  stack = await startStack({
    name: 'live-sync',
    services: ['tasks', 'realtime'],
    consumes: { realtime: ['task-events'] },
  });
});

afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close()));
  await stack?.stop();
});

async function device(userId: string, cursor: number | null = null) {
  const url = `${stack.services.realtime!.baseUrl.replace('http', 'ws')}/ws`;
  const socket = await connectDevice(url, stack.token(userId), cursor);
  sockets.push(socket);
  return socket;
}

test('a task changed on one device appears on the user’s other devices, and on nobody else’s', async () => {
  const ada = randomUUID();
  const http = asUser(stack.token(ada));
  const tasks = stack.services.tasks!.baseUrl;
  const [phone, laptop] = await Promise.all([device(ada), device(ada)]);
  const stranger = await device(randomUUID());

  const created = await http<TaskSnapshot>(tasks, 'POST', '/api/tasks', { title: 'Call the dentist' });
  expect(created.status).toBe(201);
  for (const d of [phone, laptop]) {
    const change = await d.next('the created task', (f) => f.event?.type === taskCreated.type);
    expect(change).toMatchObject({
      seq: 1,
      event: { data: { task: { id: created.body.id, title: 'Call the dentist' } } },
    });
  }

  const renamed = await http<TaskSnapshot>(
    tasks,
    'PATCH',
    `/api/tasks/${created.body.id}`,
    { title: 'Call the dentist at 9' },
    { 'if-match': created.etag! },
  );
  expect(renamed.status).toBe(200);
  await Promise.all(
    [phone, laptop].map((d) => d.next('the rename', (f) => f.event?.type === taskUpdated.type && f.seq === 2)),
  );
  // A device that was away resumes from its cursor and gets exactly the rename.
  const back = await device(ada, 1);
  expect(back.changes().map((f) => [f.seq, (f.event!.data.task as TaskSnapshot).title])).toEqual([
    [2, 'Call the dentist at 9'],
  ]);

  await waitFor('the stranger to stay unaware', async () => {
    // Nothing of ada's reaches the stranger; its own stream is still empty.
    const res = await fetch(`${stack.services.realtime!.baseUrl}/api/realtime/changes?since=0`, {
      headers: { authorization: `Bearer ${stack.token(ada)}` },
    });
    return ((await res.json()) as { cursor: number }).cursor === 2;
  });
  expect(stranger.frames).toEqual([{ type: 'ready', cursor: 0 }]);
});
