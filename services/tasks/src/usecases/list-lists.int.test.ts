import { randomUUID } from 'node:crypto';
import { useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

test('a person’s own lists, in their order: a new one comes last', async () => {
  const ada = randomUUID();
  for (const name of ['Work', 'Errands', 'Home']) await h.createList(ada, name);
  await h.createList(randomUUID(), 'Someone else’s');
  expect((await h.listLists(ada)).map((l) => l.name)).toEqual(['Work', 'Errands', 'Home']);
});
