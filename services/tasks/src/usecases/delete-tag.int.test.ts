import { randomUUID } from 'node:crypto';
import { taskUpdated } from '@daybook/contracts';
import { NotFound } from '@daybook/service-kit';
import { useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

test('deleting a tag: each task that had it loses it, with one updated event; the others are untouched', async () => {
  const ada = randomUUID();
  const [home, garden] = [await h.aTag(ada, 'home'), await h.aTag(ada, 'garden')];
  const both = await h.aTask(ada, { tagIds: [home.id, garden.id] });
  const untouched = await h.aTask(ada, { tagIds: [garden.id] });
  await h.deleteTag(ada, home.id);

  const event = (await h.events(both.id)).at(-1)!;
  expect(event).toMatchObject({ type: taskUpdated.type, data: { task: { version: 2 } } });
  expect(event.data.before!.tags.map((t) => t.name)).toEqual(['garden', 'home']);
  expect(event.data.task.tags.map((t) => t.name)).toEqual(['garden']);
  expect(await h.getTask(ada, untouched.id)).toMatchObject({ version: 1 });
  expect((await h.listTags(ada)).map((t) => t.name)).toEqual(['garden']);
  await expect(h.deleteTag(ada, home.id)).rejects.toEqual(new NotFound('tag'));
});

test('another person’s tag is not found, and stays', async () => {
  const ada = randomUUID();
  const tag = await h.aTag(ada, 'secret');
  await expect(h.deleteTag(randomUUID(), tag.id)).rejects.toEqual(new NotFound('tag'));
  expect((await h.listTags(ada)).map((t) => t.id)).toEqual([tag.id]);
});
