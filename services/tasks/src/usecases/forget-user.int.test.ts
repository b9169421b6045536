import { randomUUID } from 'node:crypto';
import { aSeriesOfTwo, useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

/** Everything the tasks service holds about a user, counted per table. */
async function holdings(userId: string) {
  const where = { userId };
  return {
    tasks: await h.db.prisma.task.count({ where }),
    reminders: await h.db.prisma.reminder.count({ where: { task: where } }),
    taskTags: await h.db.prisma.taskTag.count({ where: { task: where } }),
    series: await h.db.prisma.seriesTemplate.count({ where }),
    tags: await h.db.prisma.tag.count({ where }),
    lists: await h.db.prisma.list.count({ where }),
    settings: await h.db.prisma.userSettings.count({ where }),
  };
}

async function aUserWithEverything() {
  const userId = randomUUID();
  await h.inTransaction((tx) => h.rememberUserTimeZone(tx, userId, 'Europe/London'));
  const tag = await h.aTag(userId);
  const list = await h.createList(userId, 'Errands');
  await aSeriesOfTwo(h, userId, {
    tagIds: [tag.id],
    listId: list.id,
    reminders: [{ type: 'relative', minutesBefore: 5 }],
  });
  return userId;
}

test('an account deleted: everything of that user’s goes, and nothing of anyone else’s', async () => {
  const [ada, bob] = [await aUserWithEverything(), await aUserWithEverything()];
  const bobs = await holdings(bob);
  expect(Object.values(bobs).every((n) => n > 0)).toBe(true);
  await h.inTransaction((tx) => h.forgetUser(tx, ada));
  expect(await holdings(ada)).toEqual({
    tasks: 0,
    reminders: 0,
    taskTags: 0,
    series: 0,
    tags: 0,
    lists: 0,
    settings: 0,
  });
  expect(await holdings(bob)).toEqual(bobs);
});
