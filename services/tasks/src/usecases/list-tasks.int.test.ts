import { randomUUID } from 'node:crypto';
import { listQuery } from '../domain/list-query';
import { useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

test('a page of the person’s own tasks as the query asks, and the cursor of the next page', async () => {
  const ada = randomUUID();
  const home = await h.aTag(ada, 'home');
  await h.aTask(ada, { title: 'Bravo', tagIds: [home.id] });
  const a = await h.aTask(ada, { title: 'Alpha', tagIds: [home.id] });
  const c = await h.aTask(ada, { title: 'Charlie', tagIds: [home.id] });
  await h.aTask(ada, { title: 'Untagged' });
  await h.aTask(randomUUID(), { title: 'Also Alpha' });
  const query = (q: Record<string, string>) => listQuery.parse({ tagIds: home.id, sort: 'title', ...q });

  const first = await h.listTasks(ada, query({ limit: '2' }));
  expect(first.items.map((t) => t.title)).toEqual(['Alpha', 'Bravo']);
  expect(first.items[0]).toEqual(a); // whole tasks, with their tags and reminders
  const rest = await h.listTasks(ada, query({ limit: '2', cursor: first.nextCursor! }));
  expect({ ids: rest.items.map((t) => t.id), nextCursor: rest.nextCursor }).toEqual({ ids: [c.id], nextCursor: null });
  expect((await h.listTasks(ada, query({ q: 'alpha' }))).items.map((t) => t.id)).toEqual([a.id]);
});
