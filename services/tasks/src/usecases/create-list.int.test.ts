import { randomUUID } from 'node:crypto';
import { useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

test('a new list is the person’s, and tasks can be put in it', async () => {
  const ada = randomUUID();
  const list = await h.createList(ada, 'Errands');
  expect(list).toMatchObject({ userId: ada, name: 'Errands', createdAt: expect.any(Date) });
  expect(await h.aTask(ada, { listId: list.id })).toMatchObject({ listId: list.id });
  // Names need not be unique.
  expect(await h.createList(ada, 'Errands')).toMatchObject({ name: 'Errands' });
});
