import { randomUUID } from 'node:crypto';
import { taskUpdated } from '@daybook/contracts';
import { Conflict, NotFound } from '@daybook/service-kit';
import { useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

test('renaming a tag: each task that has it (deleted ones too) gets a new version and one event from the old name to the new', async () => {
  const ada = randomUUID();
  const tag = await h.aTag(ada, 'errands');
  const t = await h.aTask(ada, { tagIds: [tag.id] });
  const deleted = await h.aTask(ada, { tagIds: [tag.id] });
  await h.deleteTask(ada, deleted.id);
  const other = await h.aTask(ada);

  const renamed = await h.editTag(ada, tag.id, { name: 'town', color: '#22c55e' });
  expect(renamed).toMatchObject({ id: tag.id, name: 'town', color: '#22c55e' });
  for (const [id, version] of [
    [t.id, 2],
    [deleted.id, 3],
  ] as const) {
    const event = (await h.events(id)).at(-1)!;
    expect(event).toMatchObject({ type: taskUpdated.type, data: { task: { version } } });
    expect(event.data.before!.tags).toEqual([{ id: tag.id, name: 'errands', color: null }]);
    expect(event.data.task.tags).toEqual([{ id: tag.id, name: 'town', color: '#22c55e' }]);
  }
  expect(await h.getTask(ada, other.id)).toMatchObject({ version: 1 });
});

test('a name the person has already is a Conflict and changes nothing; another’s tag is not found', async () => {
  const ada = randomUUID();
  await h.aTag(ada, 'home');
  const work = await h.aTag(ada, 'work');
  const t = await h.aTask(ada, { tagIds: [work.id] });
  await expect(h.editTag(ada, work.id, { name: 'Home' })).rejects.toEqual(
    new Conflict('a tag named "Home" already exists'),
  );
  await expect(h.editTag(randomUUID(), work.id, { name: 'mine' })).rejects.toEqual(new NotFound('tag'));
  expect((await h.listTags(ada)).map((x) => x.name)).toEqual(['home', 'work']);
  expect(await h.getTask(ada, t.id)).toMatchObject({ version: 1 });
});
