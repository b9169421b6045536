import { randomUUID } from 'node:crypto';
import { NotFound } from '@daybook/service-kit';
import { useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

test('a person renames and recolours their list; its tasks are untouched; another’s list is not found', async () => {
  const ada = randomUUID();
  const list = await h.createList(ada, 'Errands');
  const t = await h.aTask(ada, { listId: list.id });
  expect(await h.editList(ada, list.id, { name: 'Town' })).toMatchObject({ id: list.id, name: 'Town', color: null });
  expect(await h.editList(ada, list.id, { color: '#3b82f6' })).toMatchObject({ name: 'Town', color: '#3b82f6' });
  expect(await h.getTask(ada, t.id)).toMatchObject({ listId: list.id, version: 1 });
  await expect(h.editList(randomUUID(), list.id, { name: 'Mine' })).rejects.toEqual(new NotFound('list'));
  expect((await h.listLists(ada)).map((l) => l.name)).toEqual(['Town']);
});

test('lists and tags keep the order the person gives them; new ones go last; another’s id is not found', async () => {
  const ada = randomUUID();
  const [a, b, c] = [await h.createList(ada, 'A'), await h.createList(ada, 'B'), await h.createList(ada, 'C')];
  expect([a.position, b.position, c.position]).toEqual([0, 1, 2]);
  expect((await h.reorderLists(ada, [c.id, a.id])).map((l) => l.name)).toEqual(['C', 'A', 'B']);
  expect((await h.listLists(ada)).map((l) => l.name)).toEqual(['C', 'A', 'B']);
  expect((await h.createList(ada, 'D')).position).toBe(3);
  await expect(h.reorderLists(randomUUID(), [a.id])).rejects.toEqual(new NotFound('list'));

  const x = await h.createTag(ada, { name: 'x', color: null });
  const y = await h.createTag(ada, { name: 'y', color: null });
  const t = await h.aTask(ada, { tagIds: [x.id] });
  expect((await h.reorderTags(ada, [y.id, x.id])).map((tag) => tag.name)).toEqual(['y', 'x']);
  expect((await h.listTags(ada)).map((tag) => tag.name)).toEqual(['y', 'x']);
  // Only the order changed: the task has no new version.
  expect(await h.getTask(ada, t.id)).toMatchObject({ version: 1 });
  await expect(h.reorderTags(randomUUID(), [x.id])).rejects.toEqual(new NotFound('tag'));
});
