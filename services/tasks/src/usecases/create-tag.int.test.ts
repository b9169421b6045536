import { randomUUID } from 'node:crypto';
import { Conflict } from '@daybook/service-kit';
import { useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

test('a tag’s name is the person’s once, whatever its case; another person may have it too', async () => {
  const [ada, bob] = [randomUUID(), randomUUID()];
  const home = await h.createTag(ada, { name: 'Home', color: '#3b82f6' });
  expect(home).toMatchObject({ userId: ada, name: 'Home', color: '#3b82f6' });
  await expect(h.createTag(ada, { name: 'home', color: null })).rejects.toEqual(
    new Conflict('a tag named "home" already exists'),
  );
  expect(await h.createTag(bob, { name: 'home', color: null })).toMatchObject({ userId: bob, name: 'home' });
  expect((await h.listTags(ada)).map((t) => t.id)).toEqual([home.id]);
});
