import { randomUUID } from 'node:crypto';
import { taskDeleted } from '@daybook/contracts';
import { NotFound } from '@daybook/service-kit';
import { toSnapshot } from '../domain/task-view';
import { useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

test('a deleted task leaves the listings and becomes read-only; its deleted event carries it', async () => {
  const ada = randomUUID();
  const t = await h.aTask(ada);
  const deleted = await h.deleteTask(ada, t.id, 1);
  expect(deleted).toMatchObject({ deletedAt: expect.any(Date), version: 2 });
  expect((await h.events(t.id)).at(-1)).toEqual({
    type: taskDeleted.type,
    data: { before: toSnapshot(t), task: toSnapshot(deleted) },
  });
  expect((await h.listTasks(ada, { limit: 10, tagMode: 'any' })).items).toEqual([]);
  await expect(h.deleteTask(ada, t.id)).rejects.toBeInstanceOf(NotFound);
  await expect(h.completeTask(ada, t.id)).rejects.toBeInstanceOf(NotFound);
  // Still readable by id, for its undo.
  expect(await h.getTask(ada, t.id)).toMatchObject({ deletedAt: deleted.deletedAt });
});

test('another user’s task is not found, and stays', async () => {
  const ada = randomUUID();
  const t = await h.aTask(ada);
  await expect(h.deleteTask(randomUUID(), t.id)).rejects.toBeInstanceOf(NotFound);
  expect(await h.getTask(ada, t.id)).toMatchObject({ deletedAt: null, version: 1 });
});
