import { randomUUID } from 'node:crypto';
import { taskUpdated } from '@daybook/contracts';
import { Conflict, InvalidInput, NotFound } from '@daybook/service-kit';
import { dateFrom, dateTimeFrom } from '@daybook/testing';
import { toSnapshot } from '../domain/task-view';
import { aSeriesOfTwo, occurrenceRequest, useCaseHarness, type UseCaseHarness } from '../testing';
import { InvalidFields } from './shared/invalid-fields';

// Editing a task at the version the person read; for a task in a series, this occurrence
// only or this and every later one.
let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

test('an edit at the current version changes what it names, bumps the version, and emits one updated event', async () => {
  const ada = randomUUID();
  const tag = await h.aTag(ada, 'work');
  const t = await h.aTask(ada, { title: 'Write report', notes: 'draft', due: { date: dateFrom(3) } });
  const edited = await h.editTask(ada, t.id, 1, {
    title: 'Write the report',
    tagIds: [tag.id],
    reminders: [{ type: 'relative', minutesBefore: 60 }],
  });
  expect(toSnapshot(edited)).toMatchObject({
    title: 'Write the report',
    notes: 'draft',
    due: { date: dateFrom(3) },
    tags: [expect.objectContaining({ name: 'work' })],
    reminders: [expect.objectContaining({ type: 'relative', minutesBefore: 60 })],
    version: 2,
  });
  const [, updated] = await h.events(t.id);
  expect(updated).toEqual({ type: taskUpdated.type, data: { before: toSnapshot(t), task: toSnapshot(edited) } });
});

test('a stale version is a Conflict carrying the server’s copy, and writes nothing', async () => {
  const ada = randomUUID();
  const t = await h.aTask(ada);
  const current = await h.editTask(ada, t.id, 1, { title: 'A' });
  const stale = h.editTask(ada, t.id, 1, { title: 'B' });
  await expect(stale).rejects.toBeInstanceOf(Conflict);
  await expect(stale).rejects.toMatchObject({
    message: 'task has changed: version 2 on the server, 1 in If-Match',
    current: toSnapshot(current),
  });
  expect(await h.getTask(ada, t.id)).toMatchObject({ title: 'A', version: 2 });
  expect(await h.events(t.id)).toHaveLength(2);
});

test('another user’s task, or a deleted one, is not found', async () => {
  const ada = randomUUID();
  const t = await h.aTask(ada);
  await expect(h.editTask(randomUUID(), t.id, 1, { title: 'mine now' })).rejects.toBeInstanceOf(NotFound);
  await h.deleteTask(ada, t.id);
  await expect(h.editTask(ada, t.id, 2, { title: 'z' })).rejects.toBeInstanceOf(NotFound);
});

test('an edit that would leave the task inconsistent names each field, and writes nothing', async () => {
  const ada = randomUUID();
  const t = await h.aTask(ada, {
    due: { date: dateFrom(3) },
    reminders: [
      { type: 'absolute', at: `${dateFrom(2)}T09:00:00Z` },
      { type: 'relative', minutesBefore: 60 },
    ],
  });
  const cleared = h.editTask(ada, t.id, 1, {
    due: null,
    recurrence: { rrule: 'FREQ=DAILY', mode: 'after-completion' },
  });
  await expect(cleared).rejects.toBeInstanceOf(InvalidFields);
  await expect(cleared).rejects.toMatchObject({
    problems: [
      { field: 'body.reminders.1', message: 'a reminder relative to the due date needs a due date' },
      { field: 'body.recurrence', message: 'a recurring task needs a due date' },
    ],
  });
  // The series would end before the absolute reminder.
  const ending = { rrule: `FREQ=DAILY;UNTIL=${dateFrom(1).replaceAll('-', '')}`, mode: 'after-completion' as const };
  await expect(h.editTask(ada, t.id, 1, { recurrence: ending })).rejects.toMatchObject({
    problems: [{ field: 'body.reminders.0.at', message: expect.stringContaining('is after the series ends') }],
  });
  expect(await h.getTask(ada, t.id)).toMatchObject({ version: 1, recurrenceRule: null });
  expect(await h.events(t.id)).toHaveLength(1);
});

test('a task given a rule starts a series; without one, it has no template', async () => {
  const ada = randomUUID();
  const t = await h.aTask(ada, { due: { dateTime: dateTimeFrom(2, '08:00'), timeZone: 'UTC' } });
  expect(await h.db.prisma.seriesTemplate.findUnique({ where: { seriesId: t.id } })).toBeNull();
  await h.editTask(ada, t.id, 1, { recurrence: { rrule: 'FREQ=WEEKLY', mode: 'after-completion' } });
  expect(await h.db.prisma.seriesTemplate.findUnique({ where: { seriesId: t.id } })).toMatchObject({
    recurrenceRule: 'FREQ=WEEKLY',
    latestTaskId: t.id,
  });
});

describe('a task in a series', () => {
  test('an edit of the latest occurrence is for the series: the template follows, the event says "future"', async () => {
    const ada = randomUUID();
    const { first, second } = await aSeriesOfTwo(h, ada, { title: 'Journal' });
    await h.editTask(ada, second.id, 1, { title: 'Journal (10 minutes)' });
    expect((await h.events(second.id)).at(-1)!.data.scope).toBe('future');
    expect(await h.getTask(ada, first.id)).toMatchObject({ title: 'Journal', version: 1 });
    const third = await h.inTransaction((tx) => h.createOccurrence(tx, occurrenceRequest(first, 5)));
    expect(third).toMatchObject({ title: 'Journal (10 minutes)', seriesId: first.id });
  });

  test('an edit of an older occurrence is for it alone unless asked: "this" leaves the series as it was', async () => {
    const ada = randomUUID();
    const { first, second } = await aSeriesOfTwo(h, ada, { title: 'Journal' });
    await h.editTask(ada, first.id, 1, { title: 'Journal, day one' });
    expect((await h.events(first.id)).at(-1)!.data.scope).toBe('this');
    expect(await h.getTask(ada, second.id)).toMatchObject({ title: 'Journal', version: 1 });
    expect(await h.db.prisma.seriesTemplate.findUnique({ where: { seriesId: first.id } })).toMatchObject({
      title: 'Journal',
    });
  });

  test('"this and future" from an older occurrence reaches the later ones (each keeping its due date) and the template', async () => {
    const ada = randomUUID();
    const { first, second } = await aSeriesOfTwo(h, ada, {
      title: 'Stretch',
      reminders: [{ type: 'relative', minutesBefore: 30 }],
    });
    const reminders = [
      { type: 'relative' as const, minutesBefore: 5 },
      { type: 'absolute' as const, at: `${dateFrom(3)}T09:00:00Z` },
    ];
    await h.editTask(ada, first.id, 1, { title: 'Stretch for 10 minutes', priority: 'high', reminders }, 'future');
    const later = await h.getTask(ada, second.id);
    expect(toSnapshot(later)).toMatchObject({
      title: 'Stretch for 10 minutes',
      priority: 'high',
      due: toSnapshot(second).due,
      reminders: [expect.objectContaining({ type: 'relative', minutesBefore: 5 })], // an absolute one is for one occurrence
      version: 2,
    });
    expect((await h.events(first.id)).at(-1)!.data.scope).toBe('future');
    expect((await h.events(second.id)).at(-1)!.data.scope).toBe('future');
    expect(await h.db.prisma.seriesTemplate.findUnique({ where: { seriesId: first.id } })).toMatchObject({
      title: 'Stretch for 10 minutes',
      priority: 'high',
      reminderMinutes: [5],
    });
  });

  test('edits that cannot mean what they say are refused naming the field, and write nothing', async () => {
    const ada = randomUUID();
    const { first, second } = await aSeriesOfTwo(h, ada);
    const rule = h.editTask(
      ada,
      second.id,
      1,
      { recurrence: { rrule: 'FREQ=WEEKLY', mode: 'after-completion' } },
      'this',
    );
    await expect(rule).rejects.toBeInstanceOf(InvalidInput);
    await expect(rule).rejects.toMatchObject({ field: 'body.recurrence' });
    const move = h.editTask(
      ada,
      first.id,
      1,
      { due: { dateTime: dateTimeFrom(5, '08:00'), timeZone: 'UTC' } },
      'future',
    );
    await expect(move).rejects.toMatchObject({ field: 'body.due' });
    expect(await h.getTask(ada, first.id)).toMatchObject({ version: 1 });
    expect(await h.getTask(ada, second.id)).toMatchObject({ version: 1 });
  });
});
