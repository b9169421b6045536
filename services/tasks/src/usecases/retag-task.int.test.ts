import { randomUUID } from 'node:crypto';
import { taskCreated, taskUpdated } from '@daybook/contracts';
import { InvalidInput } from '@daybook/service-kit';
import { MAX_TAGS } from '../domain/task-input';
import { useCaseHarness, type UseCaseHarness } from '../testing';
import { InvalidFields } from './shared/invalid-fields';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

const names = (t: { tags: { tag: { name: string } }[] }) => t.tags.map((x) => x.tag.name).sort();

test('tagging adds the tags a task lacks, untagging takes them off; one updated event each', async () => {
  const ada = randomUUID();
  const [home, work] = [await h.aTag(ada, 'home'), await h.aTag(ada, 'work')];
  const t = await h.aTask(ada, { tagIds: [home.id] });
  const tagged = await h.retagTask(ada, t.id, [home.id, work.id], 'tag');
  expect({ tags: names(tagged), version: tagged.version }).toEqual({ tags: ['home', 'work'], version: 2 });
  const untagged = await h.retagTask(ada, t.id, [home.id], 'untag');
  expect({ tags: names(untagged), version: untagged.version }).toEqual({ tags: ['work'], version: 3 });
  const events = await h.events(t.id);
  expect(events.map((e) => e.type)).toEqual([taskCreated.type, taskUpdated.type, taskUpdated.type]);
  expect(events[2]!.data.before!.tags.map((x) => x.name)).toEqual(['home', 'work']);
});

test('at most MAX_TAGS tags, and only the user’s own: refused naming the field, nothing written', async () => {
  const ada = randomUUID();
  const tags = await Promise.all(Array.from({ length: MAX_TAGS + 1 }, (_, i) => h.aTag(ada, `t${i}`)));
  const t = await h.aTask(ada, { tagIds: tags.slice(0, MAX_TAGS).map((x) => x.id) });
  const tooMany = h.retagTask(ada, t.id, [tags[MAX_TAGS]!.id], 'tag');
  await expect(tooMany).rejects.toBeInstanceOf(InvalidInput);
  await expect(tooMany).rejects.toMatchObject({
    field: 'body.tagIds',
    message: `body.tagIds: a task has at most ${MAX_TAGS} tags`,
  });
  const theirs = await h.aTag(randomUUID());
  await expect(h.retagTask(ada, t.id, [theirs.id], 'untag')).rejects.toEqual(
    new InvalidFields([{ field: 'body.tagIds.0', message: 'no such tag' }]),
  );
  expect(await h.getTask(ada, t.id)).toMatchObject({ version: 1 });
});
