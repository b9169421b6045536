import { randomUUID } from 'node:crypto';
import { taskCompleted, taskCreated, taskDeleted, taskRestored, taskUpdated } from '@daybook/contracts';
import { Conflict, InvalidInput, NotFound } from '@daybook/service-kit';
import { dateTimeFrom } from '@daybook/testing';
import { subtaskProgress, toSnapshot } from '../domain/task-view';
import { occurrenceRequest, useCaseHarness, type UseCaseHarness } from '../testing';

// Subtasks: each a real task under one of the same user's tasks; completing, moving,
// deleting and restoring a parent, and its next occurrence, carry them.
let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

async function aParentWith(userId: string, titles: string[], input = {}) {
  const parent = await h.aTask(userId, { title: 'Move house', ...input });
  const subtasks = [];
  for (const title of titles) subtasks.push(await h.aTask(userId, { title, parentId: parent.id }));
  return { parent, subtasks };
}

const types = async (id: string) => (await h.events(id)).map((e) => e.type);

test('a subtask is a task of its own under the parent, in its list, and the parent counts its progress', async () => {
  const ada = randomUUID();
  const list = await h.createList(ada, 'Home');
  const { parent, subtasks } = await aParentWith(ada, ['Pack', 'Book a van'], { listId: list.id });
  expect(toSnapshot(subtasks[0]!)).toMatchObject({ title: 'Pack', parentId: parent.id, listId: list.id });
  expect(await h.events(subtasks[0]!.id)).toEqual([
    { type: taskCreated.type, data: { task: toSnapshot(subtasks[0]!) } },
  ]);
  // A top-level task's snapshot has no parentId at all (snapshots from before subtasks stay valid).
  expect(toSnapshot(parent)).not.toHaveProperty('parentId');
  await h.completeTask(ada, subtasks[0]!.id);
  expect(subtaskProgress(await h.getTask(ada, parent.id))).toEqual({ total: 2, done: 1 });
  const page = await h.listTasks(ada, { parentId: parent.id, tagMode: 'any', limit: 50 });
  expect(page.items.map((t) => t.title).sort()).toEqual(['Book a van', 'Pack']);
  const topLevel = await h.listTasks(ada, { topLevel: true, tagMode: 'any', limit: 50 });
  expect(topLevel.items.map((t) => t.id)).toEqual([parent.id]);
});

test("another user's parent, a missing one or a deleted one is not found", async () => {
  const [ada, bob] = [randomUUID(), randomUUID()];
  const bobs = await h.aTask(bob);
  await expect(h.aTask(ada, { parentId: bobs.id })).rejects.toThrow(NotFound);
  await expect(h.aTask(ada, { parentId: randomUUID() })).rejects.toThrow(NotFound);
  const mine = await h.aTask(ada);
  await expect(h.editTask(ada, mine.id, 1, { parentId: bobs.id })).rejects.toThrow(NotFound);
  await h.deleteTask(ada, mine.id);
  await expect(h.aTask(ada, { parentId: mine.id })).rejects.toThrow(NotFound);
});

test('a cycle or nesting deeper than three levels is refused, naming body.parentId', async () => {
  const ada = randomUUID();
  const top = await h.aTask(ada, { title: 'top' });
  const middle = await h.aTask(ada, { title: 'middle', parentId: top.id });
  const bottom = await h.aTask(ada, { title: 'bottom', parentId: middle.id });
  const tooDeep = h.aTask(ada, { title: 'too deep', parentId: bottom.id });
  await expect(tooDeep).rejects.toThrow(InvalidInput);
  await expect(tooDeep).rejects.toMatchObject({ field: 'body.parentId' });
  // Under its own subtask, or under itself: a cycle.
  await expect(h.editTask(ada, top.id, top.version, { parentId: bottom.id })).rejects.toMatchObject({
    field: 'body.parentId',
    message: expect.stringContaining('itself'),
  });
  await expect(h.editTask(ada, top.id, top.version, { parentId: top.id })).rejects.toMatchObject({
    field: 'body.parentId',
  });
  // A task with a subtask of its own under a subtask: four levels.
  const other = await h.aTask(ada, { title: 'other' });
  await h.aTask(ada, { title: 'its subtask', parentId: other.id });
  await expect(h.editTask(ada, other.id, other.version, { parentId: middle.id })).rejects.toMatchObject({
    field: 'body.parentId',
    message: expect.stringContaining('3 levels'),
  });
  // Back to the top level, and under another task within the limit, are fine.
  const moved = await h.editTask(ada, bottom.id, bottom.version, { parentId: null });
  expect(toSnapshot(moved)).not.toHaveProperty('parentId');
  expect((await h.editTask(ada, other.id, other.version, { parentId: top.id })).parentId).toBe(top.id);
});

test('completing a parent alone leaves its subtasks open; with completeSubtasks it completes the open ones too', async () => {
  const ada = randomUUID();
  const alone = await aParentWith(ada, ['a', 'b']);
  const done = await h.completeTask(ada, alone.parent.id);
  expect(subtaskProgress(done)).toEqual({ total: 2, done: 0 });

  const all = await aParentWith(ada, ['a', 'b', 'c']);
  const nested = await h.aTask(ada, { title: 'a.1', parentId: all.subtasks[0]!.id });
  await h.completeTask(ada, all.subtasks[2]!.id);
  const parent = await h.completeTask(ada, all.parent.id, undefined, { completeSubtasks: true });
  expect(subtaskProgress(parent)).toEqual({ total: 3, done: 3 });
  expect(await types(all.subtasks[0]!.id)).toEqual([taskCreated.type, taskCompleted.type]);
  expect(await types(nested.id)).toEqual([taskCreated.type, taskCompleted.type]);
  // The one done before is not completed again.
  expect(await types(all.subtasks[2]!.id)).toEqual([taskCreated.type, taskCompleted.type]);
});

test('moving, deleting and restoring a parent carries its subtasks, an event each', async () => {
  const ada = randomUUID();
  const list = await h.createList(ada, 'Work');
  const { parent, subtasks } = await aParentWith(ada, ['a', 'b', 'gone before']);
  await h.editTask(ada, parent.id, 1, { listId: list.id });
  for (const s of subtasks) expect((await h.getTask(ada, s.id)).listId).toBe(list.id);
  expect(await types(subtasks[0]!.id)).toEqual([taskCreated.type, taskUpdated.type]);

  await h.deleteTask(ada, subtasks[2]!.id);
  await h.deleteTask(ada, parent.id);
  expect((await h.getTask(ada, subtasks[0]!.id)).deletedAt).toEqual((await h.getTask(ada, parent.id)).deletedAt);
  expect(await types(subtasks[1]!.id)).toEqual([taskCreated.type, taskUpdated.type, taskDeleted.type]);

  const restored = await h.restoreTask(ada, parent.id);
  expect(subtaskProgress(restored)).toEqual({ total: 2, done: 0 });
  expect((await h.getTask(ada, subtasks[0]!.id)).deletedAt).toBeNull();
  expect(await types(subtasks[0]!.id)).toEqual([
    taskCreated.type,
    taskUpdated.type,
    taskDeleted.type,
    taskRestored.type,
  ]);
  // Deleted on its own before the parent: stays deleted.
  expect((await h.getTask(ada, subtasks[2]!.id)).deletedAt).not.toBeNull();
  // A subtask cannot come back under a parent that is still deleted.
  await h.deleteTask(ada, parent.id);
  await expect(h.restoreTask(ada, subtasks[0]!.id)).rejects.toThrow(Conflict);
});

test("a recurring parent's next occurrence copies its subtasks, open again, an event each", async () => {
  const ada = randomUUID();
  const tag = await h.aTag(ada, 'home');
  const first = await h.aTask(ada, {
    title: 'Clean the flat',
    due: { dateTime: dateTimeFrom(3, '10:00'), timeZone: 'UTC' },
    recurrence: { rrule: 'FREQ=WEEKLY', mode: 'after-completion' },
  });
  const kitchen = await h.aTask(ada, { title: 'Kitchen', parentId: first.id, tagIds: [tag.id], priority: 'high' });
  await h.aTask(ada, { title: 'Oven', parentId: kitchen.id });
  await h.aTask(ada, { title: 'Bathroom', parentId: first.id });
  const dropped = await h.aTask(ada, { title: 'Dropped', parentId: first.id });
  await h.deleteTask(ada, dropped.id);
  await h.completeTask(ada, first.id, undefined, { completeSubtasks: true });

  const next = (await h.inTransaction((tx) => h.createOccurrence(tx, occurrenceRequest(first, 10))))!;
  expect(subtaskProgress(next)).toEqual({ total: 2, done: 0 });
  const copies = (await h.listTasks(ada, { parentId: next.id, tagMode: 'any', limit: 50 })).items;
  expect(copies.map((c) => toSnapshot(c)).sort((a, b) => a.title.localeCompare(b.title))).toEqual([
    expect.objectContaining({ title: 'Bathroom', status: 'open', parentId: next.id, due: null }),
    expect.objectContaining({
      title: 'Kitchen',
      status: 'open',
      priority: 'high',
      tags: [expect.objectContaining({ name: 'home' })],
    }),
  ]);
  const kitchenCopy = copies.find((c) => c.title === 'Kitchen')!;
  const ovenCopy = (await h.listTasks(ada, { parentId: kitchenCopy.id, tagMode: 'any', limit: 50 })).items;
  expect(ovenCopy.map((c) => [c.title, c.status])).toEqual([['Oven', 'open']]);
  expect(await types(kitchenCopy.id)).toEqual([taskCreated.type]);
  // Asked again (a redelivery), nothing more is created.
  expect(await h.inTransaction((tx) => h.createOccurrence(tx, occurrenceRequest(first, 10)))).toBeUndefined();
});
