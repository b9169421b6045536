import { randomUUID } from 'node:crypto';
import {
  listCreated,
  listDeleted,
  listUpdated,
  tagCreated,
  tagDeleted,
  tagUpdated,
  taskUpdated,
} from '@daybook/contracts';
import { Conflict, NotFound } from '@daybook/service-kit';
import { useCaseHarness, type UseCaseHarness } from '../testing';

// Lists and tags have events of their own, so a person's other devices see a list or tag
// made, changed, reordered or deleted (realtime pushes every task-events event).
let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

/** The events of one list or tag (keyed by its id) in the outbox, oldest first. */
async function eventsOf(id: string) {
  const rows = await h.db.$queryRawUnsafe<{ type: string; cloud_event: { data: Record<string, unknown> } }[]>(
    'SELECT type, cloud_event FROM outbox_events WHERE partition_key = $1 ORDER BY seq',
    id,
  );
  return rows.map((r) => ({ type: r.type, data: r.cloud_event.data }));
}

test('a list made, renamed and deleted: an event each, with the list as it was and is', async () => {
  const ada = randomUUID();
  const list = await h.createList(ada, 'Errands', '#16a34a');
  await h.editList(ada, list.id, { name: 'Errands in town' });
  const task = await h.aTask(ada, { listId: list.id });
  await h.deleteList(ada, list.id);

  const snapshot = { id: list.id, userId: ada, color: '#16a34a', position: 0, createdAt: list.createdAt.toISOString() };
  expect(await eventsOf(list.id)).toEqual([
    { type: listCreated.type, data: { list: { ...snapshot, name: 'Errands' } } },
    {
      type: listUpdated.type,
      data: { before: { ...snapshot, name: 'Errands' }, list: { ...snapshot, name: 'Errands in town' } },
    },
    { type: listDeleted.type, data: { list: { ...snapshot, name: 'Errands in town' } } },
  ]);
  // Its task left the list first, with its own event.
  expect((await h.events(task.id)).at(-1)).toMatchObject({ type: taskUpdated.type, data: { task: { listId: null } } });
});

test('reordering lists gives an updated event to each list whose place changed, and only to those', async () => {
  const ada = randomUUID();
  const [a, b, c] = [await h.createList(ada, 'A'), await h.createList(ada, 'B'), await h.createList(ada, 'C')];
  await h.reorderLists(ada, [a.id, c.id, b.id]);
  expect((await eventsOf(a.id)).map((e) => e.type)).toEqual([listCreated.type]);
  expect((await eventsOf(b.id)).at(-1)).toMatchObject({
    type: listUpdated.type,
    data: { before: { position: 1 }, list: { position: 2 } },
  });
  expect((await eventsOf(c.id)).at(-1)).toMatchObject({
    type: listUpdated.type,
    data: { before: { position: 2 }, list: { position: 1 } },
  });
});

test('a tag made, recoloured, reordered and deleted: an event each', async () => {
  const ada = randomUUID();
  const home = await h.createTag(ada, { name: 'home', color: null });
  const work = await h.createTag(ada, { name: 'work', color: null });
  await h.editTag(ada, home.id, { color: '#f59e0b' });
  await h.reorderTags(ada, [work.id, home.id]);
  await h.deleteTag(ada, home.id);
  expect((await eventsOf(home.id)).map((e) => [e.type, e.data])).toEqual([
    [tagCreated.type, { tag: expect.objectContaining({ name: 'home', color: null, position: 0, userId: ada }) }],
    [
      tagUpdated.type,
      {
        before: expect.objectContaining({ color: null }),
        tag: expect.objectContaining({ color: '#f59e0b', position: 0 }),
      },
    ],
    [
      tagUpdated.type,
      { before: expect.objectContaining({ position: 0 }), tag: expect.objectContaining({ position: 1 }) },
    ],
    [tagDeleted.type, { tag: expect.objectContaining({ id: home.id, position: 1 }) }],
  ]);
});

test('a refused change publishes nothing: a taken tag name, another person’s list or tag', async () => {
  const ada = randomUUID();
  const bob = randomUUID();
  const home = await h.createTag(ada, { name: 'home', color: null });
  const list = await h.createList(ada, 'Private');
  await expect(h.createTag(ada, { name: 'Home', color: null })).rejects.toBeInstanceOf(Conflict);
  await expect(
    h.editTag(ada, (await h.createTag(ada, { name: 'x', color: null })).id, { name: 'HOME' }),
  ).rejects.toBeInstanceOf(Conflict);
  await expect(h.editList(bob, list.id, { name: 'Mine now' })).rejects.toEqual(new NotFound('list'));
  await expect(h.deleteTag(bob, home.id)).rejects.toEqual(new NotFound('tag'));
  expect((await eventsOf(home.id)).map((e) => e.type)).toEqual([tagCreated.type]);
  expect((await eventsOf(list.id)).map((e) => e.type)).toEqual([listCreated.type]);
  const rows = await h.db.$queryRawUnsafe<{ n: bigint }[]>(
    `SELECT count(*) AS n FROM outbox_events WHERE type = $1 AND cloud_event->'data'->'tag'->>'userId' = $2`,
    tagCreated.type,
    ada,
  );
  expect(Number(rows[0]!.n)).toBe(2); // home and x; not the refused "Home"
});

test('an import announces the lists and tags it makes', async () => {
  const ada = randomUUID();
  const csv = [
    'TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE',
    'task,Buy seeds @garden,,1,1,,,,,',
  ].join('\n');
  await h.importTasks(ada, { format: 'todoist-csv', csv, listName: 'Garden' });
  const [list] = await h.listLists(ada);
  const [tag] = await h.listTags(ada);
  expect(await eventsOf(list!.id)).toEqual([
    { type: listCreated.type, data: { list: expect.objectContaining({ name: 'Garden' }) } },
  ]);
  expect(await eventsOf(tag!.id)).toEqual([
    { type: tagCreated.type, data: { tag: expect.objectContaining({ name: 'garden' }) } },
  ]);
});
