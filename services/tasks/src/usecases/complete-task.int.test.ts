import { randomUUID } from 'node:crypto';
import { taskCompleted } from '@daybook/contracts';
import { Conflict, NotFound } from '@daybook/service-kit';
import { toSnapshot } from '../domain/task-view';
import { useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

test('completing a task marks it done and emits one completed event with before and after', async () => {
  const ada = randomUUID();
  const t = await h.aTask(ada);
  const done = await h.completeTask(ada, t.id, 1);
  expect(done).toMatchObject({ status: 'done', completedAt: expect.any(Date), version: 2 });
  const [, completed] = await h.events(t.id);
  expect(completed).toEqual({ type: taskCompleted.type, data: { before: toSnapshot(t), task: toSnapshot(done) } });
});

test('a done task, or a stale version, is a Conflict with the server’s copy; nothing is written', async () => {
  const ada = randomUUID();
  const t = await h.aTask(ada);
  const done = await h.completeTask(ada, t.id);
  await expect(h.completeTask(ada, t.id)).rejects.toEqual(new Conflict('task is already done', toSnapshot(done)));
  const other = await h.aTask(ada);
  await h.editTask(ada, other.id, 1, { title: 'changed elsewhere' });
  await expect(h.completeTask(ada, other.id, 1)).rejects.toBeInstanceOf(Conflict);
  expect(await h.events(t.id)).toHaveLength(2);
  expect(await h.getTask(ada, other.id)).toMatchObject({ status: 'open', version: 2 });
});

test('another user’s task, a missing one or a deleted one is not found', async () => {
  const ada = randomUUID();
  const t = await h.aTask(ada);
  await expect(h.completeTask(randomUUID(), t.id)).rejects.toBeInstanceOf(NotFound);
  await expect(h.completeTask(ada, randomUUID())).rejects.toBeInstanceOf(NotFound);
  await h.deleteTask(ada, t.id);
  await expect(h.completeTask(ada, t.id)).rejects.toBeInstanceOf(NotFound);
});
