import { randomUUID } from 'node:crypto';
import { taskUpdated } from '@daybook/contracts';
import { NotFound } from '@daybook/service-kit';
import { useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

test('deleting a list keeps its tasks, without a list, each with one updated event', async () => {
  const ada = randomUUID();
  const list = await h.createList(ada, 'Weekend');
  const t = await h.aTask(ada, { listId: list.id });
  const elsewhere = await h.aTask(ada);
  await h.deleteList(ada, list.id);
  expect(await h.getTask(ada, t.id)).toMatchObject({ listId: null, version: 2 });
  expect((await h.events(t.id)).at(-1)).toMatchObject({
    type: taskUpdated.type,
    data: { before: { listId: list.id }, task: { listId: null } },
  });
  expect(await h.getTask(ada, elsewhere.id)).toMatchObject({ version: 1 });
  expect(await h.listLists(ada)).toEqual([]);
});

test('another person’s list is not found, and stays with its tasks', async () => {
  const ada = randomUUID();
  const list = await h.createList(ada, 'Private');
  const t = await h.aTask(ada, { listId: list.id });
  await expect(h.deleteList(randomUUID(), list.id)).rejects.toEqual(new NotFound('list'));
  expect(await h.getTask(ada, t.id)).toMatchObject({ listId: list.id, version: 1 });
});
