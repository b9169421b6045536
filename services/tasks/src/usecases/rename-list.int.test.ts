import { randomUUID } from 'node:crypto';
import { NotFound } from '@daybook/service-kit';
import { useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

test('a person renames their list; its tasks are untouched; another’s list is not found', async () => {
  const ada = randomUUID();
  const list = await h.createList(ada, 'Errands');
  const t = await h.aTask(ada, { listId: list.id });
  expect(await h.renameList(ada, list.id, 'Town')).toMatchObject({ id: list.id, name: 'Town' });
  expect(await h.getTask(ada, t.id)).toMatchObject({ listId: list.id, version: 1 });
  await expect(h.renameList(randomUUID(), list.id, 'Mine')).rejects.toEqual(new NotFound('list'));
  expect((await h.listLists(ada)).map((l) => l.name)).toEqual(['Town']);
});
