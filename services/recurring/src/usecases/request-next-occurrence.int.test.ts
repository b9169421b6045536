import type { TaskSnapshot } from '@daybook/contracts';
import { DateTime } from 'luxon';
import type { Database } from '../infrastructure/database';
import { SeriesStore } from '../infrastructure/series-store';
import { openTestDatabase, publishToOutbox, requestedOccurrences, silentLog, taskSnapshot } from '../testing';
import { RequestNextOccurrence } from './request-next-occurrence';

// On real PostgreSQL: the request row and the event commit together, and the unique keys are
// what make "exactly one next occurrence" hold.
let testDb: Awaited<ReturnType<typeof openTestDatabase>>;
let db: Database;
const store = new SeriesStore();
const requestNextOccurrence = new RequestNextOccurrence({ store, publish: publishToOutbox, log: silentLog });

beforeAll(async () => {
  testDb = await openTestDatabase();
  db = testDb.db;
});
afterAll(() => testDb?.close());

const handle = (task: TaskSnapshot) => db.$transaction((tx) => requestNextOccurrence.execute(task, tx));
const completed = (task: TaskSnapshot, at = new Date()): TaskSnapshot => ({
  ...task,
  status: 'done',
  completedAt: at.toISOString(),
  version: task.version + 1,
});

/** The series the task starts (as track-series keeps it), with `fields` changed. */
async function seriesOf(first: TaskSnapshot, fields: { stoppedAt?: Date; occurrencesCreated?: number } = {}) {
  const due = first.due && 'dateTime' in first.due ? first.due : undefined;
  await db.series.create({
    data: {
      id: first.id,
      userId: first.userId,
      rrule: first.recurrence!.rrule,
      mode: first.recurrence!.mode,
      timeZone: due!.timeZone,
      startLocal: due!.dateTime,
      templateTaskId: first.id,
      lastLocal: due!.dateTime,
      ...fields,
    },
  });
  return first.id;
}

test('a completed task asks for one successor, at the series’ time of day on the next date of the rule', async () => {
  const first = taskSnapshot({ recurrence: { rrule: 'FREQ=DAILY;INTERVAL=2', mode: 'after-completion' } });
  const seriesId = await seriesOf(first);
  const done = completed(first);
  await handle(done);

  const expected = DateTime.fromISO(done.completedAt!, { zone: 'Europe/London' })
    .startOf('day')
    .plus({ days: 2 })
    .set({ hour: 9 });
  expect(await requestedOccurrences(db, seriesId)).toEqual([
    {
      seriesId,
      userId: first.userId,
      templateTaskId: first.id,
      occurrenceKey: `${seriesId}:after:${first.id}`,
      due: { dateTime: expected.toFormat("yyyy-LL-dd'T'HH:mm:ss"), timeZone: 'Europe/London' },
      dueAt: expected.toUTC().toISO(),
      timeZone: 'Europe/London',
    },
  ]);
  expect(await db.occurrenceRequest.findMany({ where: { seriesId } })).toEqual([
    expect.objectContaining({ sourceTaskId: first.id, dueLocal: expected.toFormat("yyyy-LL-dd'T'HH:mm:ss") }),
  ]);
  expect((await db.series.findUniqueOrThrow({ where: { id: seriesId } })).occurrencesCreated).toBe(2);
});

test('the same completion again, a completion undone and redone, or two at once: still one successor', async () => {
  const first = taskSnapshot();
  const seriesId = await seriesOf(first);
  const done = completed(first);
  await handle(done);
  await handle(done); // past the inbox: the very same event, handled again
  await handle(completed({ ...done, status: 'open', completedAt: null, version: 3 })); // reopened, completed again
  expect(await requestedOccurrences(db, seriesId)).toHaveLength(1);

  // Two completions of the next occurrence, in two transactions at the same time.
  const second = taskSnapshot({ userId: first.userId, seriesId });
  await Promise.all([handle(completed(second)), handle(completed(second))]);
  const requests = await requestedOccurrences(db, seriesId);
  expect(requests.map((r) => r.occurrenceKey)).toEqual([
    `${seriesId}:after:${first.id}`,
    `${seriesId}:after:${second.id}`,
  ]);
  expect((await db.series.findUniqueOrThrow({ where: { id: seriesId } })).occurrencesCreated).toBe(3);
});

test('completing an occurrence ahead of its day still continues the series', async () => {
  const first = taskSnapshot();
  const seriesId = await seriesOf(first);
  const at = new Date();
  await handle(completed(first, at));
  // The successor (due tomorrow) is done today as well: its own successor is due tomorrow too.
  await handle(completed(taskSnapshot({ userId: first.userId, seriesId }), at));
  const requests = await requestedOccurrences(db, seriesId);
  expect(requests).toHaveLength(2);
  expect(requests[1]!.due).toEqual(requests[0]!.due);
});

test('an occurrence moved on its own does not move the next one: the series’ time of day counts', async () => {
  const first = taskSnapshot();
  const seriesId = await seriesOf(first);
  const moved = taskSnapshot({
    userId: first.userId,
    seriesId,
    due: { dateTime: `${DateTime.now().setZone('Europe/London').toISODate()}T14:30:00`, timeZone: 'Europe/London' },
  });
  await handle(completed(moved));
  const [request] = await requestedOccurrences(db, seriesId);
  expect(request!.due).toEqual({ dateTime: expect.stringMatching(/T09:00:00$/), timeZone: 'Europe/London' });
});

test('a completion before its series was seen starts the series from the task', async () => {
  const first = taskSnapshot({ due: { date: DateTime.now().toISODate()!, timeZone: 'Europe/Paris' } });
  const done = completed(first);
  await handle(done);
  expect(await db.series.findUnique({ where: { id: first.id } })).toMatchObject({
    userId: first.userId,
    rrule: 'FREQ=DAILY',
    mode: 'after-completion',
    timeZone: 'Europe/Paris',
    startLocal: `${first.due && 'date' in first.due ? first.due.date : ''}T00:00:00`,
    templateTaskId: first.id,
    occurrencesCreated: 2,
  });
  const tomorrow = DateTime.fromISO(done.completedAt!, { zone: 'Europe/Paris' }).plus({ days: 1 });
  expect((await requestedOccurrences(db, first.id)).map((r) => r.due)).toEqual([
    { date: tomorrow.toISODate(), timeZone: 'Europe/Paris' },
  ]);
});

test('nothing is asked for a stopped or ended series, or a task that does not recur after completion', async () => {
  const stopped = taskSnapshot();
  await seriesOf(stopped, { stoppedAt: new Date() });
  const counted = taskSnapshot({ recurrence: { rrule: 'FREQ=DAILY;COUNT=2', mode: 'after-completion' } });
  await seriesOf(counted, { occurrencesCreated: 2 });
  const until = taskSnapshot({ recurrence: { rrule: 'FREQ=DAILY;UNTIL=20260101T000000Z', mode: 'after-completion' } });
  await seriesOf(until);
  const fixed = taskSnapshot({ recurrence: { rrule: 'FREQ=DAILY', mode: 'fixed-schedule' } });
  const plain = taskSnapshot({ recurrence: null });
  const open = taskSnapshot();

  for (const task of [stopped, counted, until, fixed, plain]) await handle(completed(task));
  await handle(open);

  for (const task of [stopped, counted, until, fixed, plain, open]) {
    expect({ task: task.id, requests: await requestedOccurrences(db, task.id) }).toEqual({
      task: task.id,
      requests: [],
    });
  }
  expect(await db.series.count({ where: { id: { in: [fixed.id, plain.id, open.id] } } })).toBe(0);
});
