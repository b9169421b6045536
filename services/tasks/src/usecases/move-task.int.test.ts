import { randomUUID } from 'node:crypto';
import { dateTimeFrom } from '@daybook/testing';
import { taskMoved } from '@daybook/contracts';
import { Conflict, InvalidInput, NotFound } from '@daybook/service-kit';
import { toSnapshot } from '../domain/task-view';
import { occurrenceRequest, useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

/** The titles of the user's top-level tasks of a list, in the person's order. */
async function order(userId: string, listId: string | 'none') {
  const { items } = await h.listTasks(userId, { listId, topLevel: true, sort: 'position', tagMode: 'any', limit: 100 });
  return items.map((t) => t.title);
}

async function aListOf(userId: string, titles: string[]) {
  const list = await h.createList(userId, `list ${randomUUID().slice(0, 8)}`);
  const tasks = [];
  for (const title of titles) tasks.push(await h.aTask(userId, { title, listId: list.id }));
  return { list, tasks };
}

test('a new task goes last in its list; the Inbox keeps its own order', async () => {
  const ada = randomUUID();
  const { list } = await aListOf(ada, ['one', 'two', 'three']);
  await h.aTask(ada, { title: 'inbox one' });
  await h.aTask(ada, { title: 'inbox two' });
  expect(await order(ada, list.id)).toEqual(['one', 'two', 'three']);
  expect(await order(ada, 'none')).toEqual(['inbox one', 'inbox two']);
});

test('moving before or after another task writes that task only, with one moved event', async () => {
  const ada = randomUUID();
  const {
    list,
    tasks: [one, two, three],
  } = await aListOf(ada, ['one', 'two', 'three']);
  const moved = await h.moveTask(ada, three!.id, { before: one!.id });
  expect(await order(ada, list.id)).toEqual(['three', 'one', 'two']);
  expect(moved).toMatchObject({ version: 2, title: 'three' });
  expect((await h.events(three!.id)).at(-1)).toEqual({
    type: taskMoved.type,
    data: { before: toSnapshot(three!), task: toSnapshot(moved) },
  });
  // The others are untouched: same version, no event.
  expect(await h.getTask(ada, one!.id)).toMatchObject({ version: 1, position: one!.position });
  expect((await h.events(two!.id)).map((e) => e.type)).toEqual(['daybook.task.created.v1']);

  await h.moveTask(ada, three!.id, { after: two!.id });
  expect(await order(ada, list.id)).toEqual(['one', 'two', 'three']);
  await h.moveTask(ada, one!.id, { after: two!.id }, 1);
  expect(await order(ada, list.id)).toEqual(['two', 'one', 'three']);
  // Into the middle, and to the very top, many times: keys stay between their neighbours.
  for (let i = 0; i < 20; i++) await h.moveTask(ada, i % 2 ? one!.id : three!.id, { before: two!.id });
  expect(await order(ada, list.id)).toEqual(['three', 'one', 'two']);
});

test('a task moved to another list goes last there; a done task keeps its place', async () => {
  const ada = randomUUID();
  const {
    tasks: [a],
  } = await aListOf(ada, ['a', 'b']);
  const other = await aListOf(ada, ['x', 'y']);
  await h.editTask(ada, a!.id, 1, { listId: other.list.id });
  expect(await order(ada, other.list.id)).toEqual(['x', 'y', 'a']);
  await h.completeTask(ada, other.tasks[0]!.id, 1);
  await h.moveTask(ada, a!.id, { before: other.tasks[1]!.id });
  expect(await order(ada, other.list.id)).toEqual(['x', 'a', 'y']);
});

test('another user’s task or anchor is not found; an anchor in another list, or the task itself, is a 400', async () => {
  const ada = randomUUID();
  const {
    tasks: [one, two],
  } = await aListOf(ada, ['one', 'two']);
  const inbox = await h.aTask(ada, { title: 'inbox' });
  const bob = randomUUID();
  const bobs = await h.aTask(bob, { title: 'bob’s' });

  await expect(h.moveTask(bob, one!.id, { before: bobs.id })).rejects.toBeInstanceOf(NotFound);
  await expect(h.moveTask(ada, one!.id, { before: bobs.id })).rejects.toEqual(new NotFound('task'));
  await expect(h.moveTask(ada, one!.id, { after: inbox.id })).rejects.toEqual(
    new InvalidInput('after', 'must be a task of the same list as the one moved'),
  );
  await expect(h.moveTask(ada, one!.id, { before: one!.id })).rejects.toBeInstanceOf(InvalidInput);
  await expect(h.moveTask(ada, one!.id, { before: two!.id }, 7)).rejects.toBeInstanceOf(Conflict);
  const deleted = await h.deleteTask(ada, two!.id);
  await expect(h.moveTask(ada, one!.id, { after: deleted.id })).rejects.toBeInstanceOf(NotFound);
  // Nothing moved.
  expect(await h.getTask(ada, one!.id)).toMatchObject({ version: 1, position: one!.position });
});

test('the next occurrence of a series goes just after the one before, not last', async () => {
  const ada = randomUUID();
  const {
    list,
    tasks: [first],
  } = await aListOf(ada, ['first']);
  const series = await h.aTask(ada, {
    title: 'daily',
    listId: list.id,
    due: { dateTime: dateTimeFrom(3, '10:00'), timeZone: 'UTC' },
    recurrence: { rrule: 'FREQ=DAILY', mode: 'after-completion' },
  });
  await h.aTask(ada, { title: 'last', listId: list.id });
  await h.moveTask(ada, series.id, { before: first!.id });
  const next = await h.inTransaction((tx) => h.createOccurrence(tx, occurrenceRequest(series, 4)));
  expect(next).toMatchObject({ title: 'daily', listId: list.id });
  expect(await order(ada, list.id)).toEqual(['daily', 'daily', 'first', 'last']);
  expect((await h.listTasks(ada, { listId: list.id, sort: 'position', tagMode: 'any', limit: 3 })).items[1]!.id).toBe(
    next!.id,
  );
});
