import { randomUUID } from 'node:crypto';
import { dateFrom, instantFrom } from '@daybook/testing';
import type { Database } from '../infrastructure/database';
import { SeriesStore } from '../infrastructure/series-store';
import { seriesJob } from '../jobs/series-job';
import { openTestDatabase, publishToOutbox, recordingJobs, requestedOccurrences, silentLog } from '../testing';
import { CreateDueOccurrences } from './create-due-occurrences';

// On real PostgreSQL, with this process's clock set to today at 12:00 UTC and a Jobs that
// records what the Scheduler would be asked.
let testDb: Awaited<ReturnType<typeof openTestDatabase>>;
let db: Database;
const jobs = recordingJobs();
const noon = instantFrom(0, '12:00').toJSDate();
let createDueOccurrences: CreateDueOccurrences;

beforeAll(async () => {
  testDb = await openTestDatabase();
  db = testDb.db;
  createDueOccurrences = new CreateDueOccurrences({
    db,
    store: new SeriesStore(),
    jobs,
    seriesJob,
    publish: publishToOutbox,
    log: silentLog,
    now: () => noon,
  });
});
afterAll(() => testDb?.close());
beforeEach(() => jobs.calls.splice(0));

/** A daily fixed-schedule series whose latest occurrence was `lastDay` days from today. */
async function dailySeries(
  opts: { lastDay?: number; time?: string; timeZone?: string; rrule?: string; missed?: 'create' | 'skip' } = {},
) {
  const { lastDay = -3, time = '09:00:00', timeZone = 'UTC', rrule = 'FREQ=DAILY', missed = 'create' } = opts;
  const id = randomUUID();
  await db.series.create({
    data: {
      id,
      userId: randomUUID(),
      rrule,
      mode: 'fixed-schedule',
      timeZone,
      startLocal: `${dateFrom(-5)}T${time}`,
      lastLocal: `${dateFrom(lastDay)}T${time}`,
      templateTaskId: randomUUID(),
      missedPolicy: missed,
    },
  });
  return id;
}

test('the job fired: the missed occurrences, then the next one, and the job is due at that one', async () => {
  const seriesId = await dailySeries();
  await createDueOccurrences.execute({ seriesId });

  const days = [-2, -1, 0, 1].map((d) => `${dateFrom(d)}T09:00:00`);
  expect(await requestedOccurrences(db, seriesId)).toEqual(
    days.map((local) =>
      expect.objectContaining({
        occurrenceKey: `${seriesId}:${local}`,
        due: { dateTime: local, timeZone: 'UTC' },
        dueAt: `${local}.000Z`,
      }),
    ),
  );
  const series = await db.series.findUniqueOrThrow({ where: { id: seriesId } });
  expect(series).toMatchObject({ lastLocal: days[3], occurrencesCreated: 5 });
  expect(jobs.calls).toEqual([
    { op: 'schedule', name: `series--${seriesId}`, at: new Date(`${days[3]}Z`), data: { seriesId, dueLocal: days[3] } },
  ]);
});

test('an occurrence already asked for is not asked for again', async () => {
  const seriesId = await dailySeries();
  await createDueOccurrences.execute({ seriesId });
  // The series' latest occurrence set back (a reshape to where it was): the same dates again.
  await db.series.update({ where: { id: seriesId }, data: { lastLocal: `${dateFrom(-3)}T09:00:00` } });
  await createDueOccurrences.execute({ seriesId });

  expect(await requestedOccurrences(db, seriesId)).toHaveLength(4);
  expect(await db.series.findUniqueOrThrow({ where: { id: seriesId } })).toMatchObject({
    lastLocal: `${dateFrom(1)}T09:00:00`,
    occurrencesCreated: 5,
  });
  expect(jobs.calls.map((c) => c.op)).toEqual(['schedule', 'schedule']);
});

test('a repeated trigger of an occurrence already handled asks for nothing more', async () => {
  const seriesId = await dailySeries({ lastDay: 0 });
  const dueLocal = `${dateFrom(0)}T09:00:00`;
  await createDueOccurrences.execute({ seriesId, dueLocal });
  await createDueOccurrences.execute({ seriesId, dueLocal }); // the Scheduler's trigger, redelivered

  expect((await requestedOccurrences(db, seriesId)).map((r) => r.occurrenceKey)).toEqual([
    `${seriesId}:${dateFrom(1)}T09:00:00`,
  ]);
  expect(jobs.calls.map((c) => c.op)).toEqual(['schedule']);
});

test('under "skip", the missed occurrences are left out', async () => {
  const seriesId = await dailySeries({ missed: 'skip' });
  await createDueOccurrences.execute({ seriesId });
  expect((await requestedOccurrences(db, seriesId)).map((r) => r.occurrenceKey)).toEqual([
    `${seriesId}:${dateFrom(1)}T09:00:00`,
  ]);
});

test('a series of dates asks for dates, in its zone (named unless UTC)', async () => {
  const paris = await dailySeries({ lastDay: 0, time: '00:00:00', timeZone: 'Europe/Paris', missed: 'skip' });
  const utc = await dailySeries({ lastDay: 0, time: '00:00:00', missed: 'skip' });
  await createDueOccurrences.execute({ seriesId: paris });
  await createDueOccurrences.execute({ seriesId: utc });
  expect((await requestedOccurrences(db, paris)).map((r) => r.due)).toEqual([
    { date: dateFrom(1), timeZone: 'Europe/Paris' },
  ]);
  expect((await requestedOccurrences(db, utc)).map((r) => r.due)).toEqual([{ date: dateFrom(1) }]);
});

test('an ended, stopped or unknown series asks for nothing and schedules nothing', async () => {
  const ended = await dailySeries({ rrule: 'FREQ=DAILY;COUNT=2', lastDay: -4 });
  const stopped = await dailySeries();
  await db.series.update({ where: { id: stopped }, data: { stoppedAt: new Date() } });
  for (const id of [ended, stopped, randomUUID()]) await createDueOccurrences.execute({ seriesId: id });
  expect(await requestedOccurrences(db, ended)).toEqual([]);
  expect(await requestedOccurrences(db, stopped)).toEqual([]);
  expect(jobs.calls).toEqual([]);
});
