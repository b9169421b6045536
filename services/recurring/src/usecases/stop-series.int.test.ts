import { randomUUID } from 'node:crypto';
import type { Database } from '../infrastructure/database';
import { SeriesStore } from '../infrastructure/series-store';
import { seriesJob } from '../jobs/series-job';
import { openTestDatabase, recordingJobs, silentLog } from '../testing';
import { StopSeries } from './stop-series';

let testDb: Awaited<ReturnType<typeof openTestDatabase>>;
let db: Database;
const jobs = recordingJobs();
const now = new Date();
const stopSeries = new StopSeries({ store: new SeriesStore(), jobs, seriesJob, log: silentLog, now: () => now });

beforeAll(async () => {
  testDb = await openTestDatabase();
  db = testDb.db;
});
afterAll(() => testDb?.close());
beforeEach(() => jobs.calls.splice(0));

async function series(mode: 'after-completion' | 'fixed-schedule') {
  return db.series.create({
    data: {
      id: randomUUID(),
      userId: randomUUID(),
      rrule: 'FREQ=WEEKLY',
      mode,
      timeZone: 'Europe/London',
      startLocal: '2026-11-02T18:00:00',
      templateTaskId: randomUUID(),
    },
  });
}

test('a fixed-schedule series is stopped and its job cancelled', async () => {
  const fixed = await series('fixed-schedule');
  await db.$transaction((tx) => stopSeries.execute(fixed, tx));
  expect((await db.series.findUniqueOrThrow({ where: { id: fixed.id } })).stoppedAt).toEqual(now);
  expect(jobs.calls).toEqual([{ op: 'cancel', name: `series--${fixed.id}` }]);
});

test('an after-completion series is stopped; it has no job to cancel', async () => {
  const after = await series('after-completion');
  await db.$transaction((tx) => stopSeries.execute(after, tx));
  expect((await db.series.findUniqueOrThrow({ where: { id: after.id } })).stoppedAt).toEqual(now);
  expect(jobs.calls).toEqual([]);
});

test('a stop that fails to cancel the job is not half done', async () => {
  const fixed = await series('fixed-schedule');
  const failing = new StopSeries({
    store: new SeriesStore(),
    jobs: {
      ...jobs,
      cancel: async () => {
        throw new Error('sidecar unavailable');
      },
    },
    seriesJob,
    log: silentLog,
    now: () => now,
  });
  await expect(db.$transaction((tx) => failing.execute(fixed, tx))).rejects.toThrow('sidecar unavailable');
  expect((await db.series.findUniqueOrThrow({ where: { id: fixed.id } })).stoppedAt).toBeNull();
});
