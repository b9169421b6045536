import { randomUUID } from 'node:crypto';
import { taskCreated } from '@daybook/contracts';
import { dateFrom, dateTimeFrom } from '@daybook/testing';
import { DateTime } from 'luxon';
import { toSnapshot } from '../domain/task-view';
import { useCaseHarness, type UseCaseHarness } from '../testing';
import { InvalidFields } from './shared/invalid-fields';

// Creating a task: its references checked, its due instant computed, its series started,
// and its created event written in the same transaction.
let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

test('a task with tags, a list and reminders, due on a date in the user’s zone; one created event carries it', async () => {
  const ada = randomUUID();
  await h.inTransaction((tx) => h.rememberUserTimeZone(tx, ada, 'Pacific/Auckland'));
  const [home, garden] = [await h.aTag(ada, 'home'), await h.aTag(ada, 'garden')];
  const list = await h.createList(ada, 'Weekend');
  const date = dateFrom(5, 'Pacific/Auckland');
  const task = await h.createTask(ada, {
    title: 'Repot the ferns',
    priority: 'high',
    tagIds: [home.id, garden.id],
    listId: list.id,
    due: { date },
    reminders: [{ type: 'relative', minutesBefore: 30 }],
  });

  const snapshot = toSnapshot(task);
  expect(snapshot).toMatchObject({
    userId: ada,
    title: 'Repot the ferns',
    status: 'open',
    tags: [expect.objectContaining({ name: 'garden' }), expect.objectContaining({ name: 'home' })],
    listId: list.id,
    due: { date },
    // A date is due at the end of that day, in the user's zone.
    dueAt: DateTime.fromISO(date, { zone: 'Pacific/Auckland' }).endOf('day').toUTC().toISO(),
    reminders: [expect.objectContaining({ type: 'relative', minutesBefore: 30 })],
    version: 1,
  });
  expect(toSnapshot(await h.getTask(ada, task.id))).toEqual(snapshot);
  expect(await h.events(task.id)).toEqual([{ type: taskCreated.type, data: { task: snapshot } }]);
});

test('tags and lists must be the user’s own: each unknown one is named, and nothing is written', async () => {
  const [ada, eve] = [randomUUID(), randomUUID()];
  const mine = await h.aTag(ada);
  const theirs = await h.aTag(eve);
  const theirList = await h.createList(eve, 'Private');
  const refused = h.createTask(ada, { title: 'x', tagIds: [mine.id, theirs.id], listId: theirList.id });
  await expect(refused).rejects.toBeInstanceOf(InvalidFields);
  await expect(refused).rejects.toMatchObject({
    problems: [
      { field: 'body.tagIds.1', message: 'no such tag' },
      { field: 'body.listId', message: 'no such list' },
    ],
  });
  expect((await h.listTasks(ada, { limit: 10, tagMode: 'any' })).items).toEqual([]);
});

test('a task with a rule starts a series of its own: the template its next occurrences copy', async () => {
  const ada = randomUUID();
  const first = await h.aTask(ada, {
    title: 'Stretch',
    due: { dateTime: dateTimeFrom(2, '07:00'), timeZone: 'UTC' },
    reminders: [
      { type: 'relative', minutesBefore: 10 },
      { type: 'absolute', at: `${dateFrom(2)}T06:00:00Z` },
    ],
    recurrence: { rrule: 'FREQ=DAILY', mode: 'fixed-schedule', missed: 'skip' },
  });
  expect(await h.db.prisma.seriesTemplate.findUnique({ where: { seriesId: first.id } })).toMatchObject({
    userId: ada,
    title: 'Stretch',
    reminderMinutes: [10], // an absolute reminder is for one occurrence
    recurrenceRule: 'FREQ=DAILY',
    recurrenceMode: 'fixed-schedule',
    recurrenceMissed: 'skip',
    latestTaskId: first.id,
  });
});
