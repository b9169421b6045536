import { randomUUID } from 'node:crypto';
import { taskCreated } from '@daybook/contracts';
import { dateFrom, dateTimeFrom } from '@daybook/testing';
import { toSnapshot } from '../domain/task-view';
import { occurrenceRequest, useCaseHarness, type UseCaseHarness } from '../testing';

// The recurring service asks for the next occurrence of a series; tasks copies its template.
let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

async function aSeries(userId: string) {
  const [tag, gone] = [await h.aTag(userId, 'health'), await h.aTag(userId, 'gone')];
  const list = await h.createList(userId, 'Habits');
  return h.aTask(userId, {
    title: 'Stretch',
    notes: 'slowly',
    priority: 'medium',
    tagIds: [tag.id, gone.id],
    listId: list.id,
    due: { dateTime: dateTimeFrom(2, '10:00'), timeZone: 'UTC' },
    reminders: [
      { type: 'relative', minutesBefore: 15 },
      { type: 'absolute', at: `${dateFrom(2)}T08:00:00Z` },
    ],
    recurrence: { rrule: 'FREQ=DAILY', mode: 'after-completion' },
  });
}

test('the occurrence copies the template with its own due date, joins the series as its latest, and is announced', async () => {
  const ada = randomUUID();
  const first = await aSeries(ada);
  const request = occurrenceRequest(first, 3);
  const next = (await h.inTransaction((tx) => h.createOccurrence(tx, request)))!;
  expect(toSnapshot(next)).toMatchObject({
    title: 'Stretch',
    notes: 'slowly',
    priority: 'medium',
    tags: [expect.objectContaining({ name: 'gone' }), expect.objectContaining({ name: 'health' })],
    listId: first.listId,
    due: request.due,
    dueAt: request.dueAt,
    // Reminders relative to the due date carry over; an absolute one was for one occurrence.
    reminders: [expect.objectContaining({ type: 'relative', minutesBefore: 15 })],
    recurrence: { rrule: 'FREQ=DAILY', mode: 'after-completion' },
    seriesId: first.id,
    version: 1,
  });
  expect(await h.events(next.id)).toEqual([{ type: taskCreated.type, data: { task: toSnapshot(next) } }]);
  expect(await h.db.prisma.seriesTemplate.findUnique({ where: { seriesId: first.id } })).toMatchObject({
    latestTaskId: next.id,
  });
});

test('an occurrence key seen before creates nothing; nor does a series whose template is gone', async () => {
  const ada = randomUUID();
  const first = await aSeries(ada);
  const request = occurrenceRequest(first, 3);
  expect(await h.inTransaction((tx) => h.createOccurrence(tx, request))).toBeDefined();
  expect(await h.inTransaction((tx) => h.createOccurrence(tx, request))).toBeUndefined();
  expect((await h.listTasks(ada, { limit: 10, tagMode: 'any', seriesId: first.id })).items).toHaveLength(2);
  // Someone else's series, as far as this user's request goes, has no template.
  const theirs = { ...occurrenceRequest(first, 4), userId: randomUUID() };
  expect(await h.inTransaction((tx) => h.createOccurrence(tx, theirs))).toBeUndefined();
});

test('tags and a list deleted since the template was written are left out', async () => {
  const ada = randomUUID();
  const first = await aSeries(ada);
  const gone = first.tags.find((t) => t.tag.name === 'gone')!;
  await h.deleteTag(ada, gone.tagId);
  await h.deleteList(ada, first.listId!);
  const next = (await h.inTransaction((tx) => h.createOccurrence(tx, occurrenceRequest(first, 3))))!;
  expect(toSnapshot(next)).toMatchObject({ tags: [expect.objectContaining({ name: 'health' })], listId: null });
});
