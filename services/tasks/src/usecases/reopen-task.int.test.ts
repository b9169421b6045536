import { randomUUID } from 'node:crypto';
import { taskReopened } from '@daybook/contracts';
import { Conflict, NotFound } from '@daybook/service-kit';
import { toSnapshot } from '../domain/task-view';
import { useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

test('reopening a done task opens it and emits one reopened event', async () => {
  const ada = randomUUID();
  const t = await h.aTask(ada);
  const done = await h.completeTask(ada, t.id);
  const reopened = await h.reopenTask(ada, t.id, 2);
  expect(reopened).toMatchObject({ status: 'open', completedAt: null, version: 3 });
  expect((await h.events(t.id)).at(-1)).toEqual({
    type: taskReopened.type,
    data: { before: toSnapshot(done), task: toSnapshot(reopened) },
  });
});

test('an open task is a Conflict with the server’s copy; another user’s is not found', async () => {
  const ada = randomUUID();
  const t = await h.aTask(ada);
  await expect(h.reopenTask(ada, t.id, 1)).rejects.toEqual(new Conflict('task is already open', toSnapshot(t)));
  await h.completeTask(ada, t.id);
  await expect(h.reopenTask(randomUUID(), t.id)).rejects.toBeInstanceOf(NotFound);
  expect(await h.getTask(ada, t.id)).toMatchObject({ status: 'done', version: 2 });
});
