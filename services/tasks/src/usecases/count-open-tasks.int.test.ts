import { randomUUID } from 'node:crypto';
import { dateFrom } from '@daybook/testing';
import { useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

test('the sidebar counts: open, not deleted tasks in the Inbox, Today, Upcoming, per list and per tag', async () => {
  const ada = randomUUID();
  const zone = 'Pacific/Auckland';
  const due = (days: number) => ({ date: dateFrom(days, zone), timeZone: zone });
  const list = await h.createList(ada, 'Home');
  const empty = await h.createList(ada, 'Empty');
  const tag = await h.createTag(ada, { name: 'errand', color: null });
  await h.aTask(ada, { title: 'overdue', due: due(-2) });
  await h.aTask(ada, { title: 'today, home', due: due(0), listId: list.id, tagIds: [tag.id] });
  await h.aTask(ada, { title: 'in 3 days', due: due(3), tagIds: [tag.id] });
  await h.aTask(ada, { title: 'in 9 days', due: due(9), listId: list.id });
  await h.aTask(ada, { title: 'no date' });
  const done = await h.aTask(ada, { title: 'done', due: due(0), listId: list.id });
  await h.completeTask(ada, done.id);
  const gone = await h.aTask(ada, { title: 'deleted', due: due(0), tagIds: [tag.id] });
  await h.deleteTask(ada, gone.id);
  await h.aTask(randomUUID(), { title: 'someone else’s', due: due(0) });

  const counts = await h.countOpenTasks(ada, zone, 7);
  expect(counts).toEqual({
    inbox: 3,
    today: 2,
    upcoming: 1,
    lists: [{ id: list.id, count: 2 }],
    tags: [{ id: tag.id, count: 2 }],
  });
  expect(counts.lists.find((l) => l.id === empty.id)).toBeUndefined();
  expect((await h.countOpenTasks(ada, zone, 14)).upcoming).toBe(2);
  expect(await h.countOpenTasks(randomUUID(), zone, 7)).toEqual({
    inbox: 0,
    today: 0,
    upcoming: 0,
    lists: [],
    tags: [],
  });
});
