import { randomUUID } from 'node:crypto';
import { useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

test('a person’s own tags, in their order: a new one comes last', async () => {
  const [ada, bob] = [randomUUID(), randomUUID()];
  for (const name of ['work', 'errands', 'home']) await h.aTag(ada, name);
  await h.aTag(bob, 'bob’s');
  expect((await h.listTags(ada)).map((t) => t.name)).toEqual(['work', 'errands', 'home']);
  expect(await h.listTags(randomUUID())).toEqual([]);
});
