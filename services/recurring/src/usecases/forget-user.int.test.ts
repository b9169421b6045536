import { randomUUID } from 'node:crypto';
import type { Database } from '../infrastructure/database';
import { SeriesStore } from '../infrastructure/series-store';
import { seriesJob } from '../jobs/series-job';
import { openTestDatabase, recordingJobs } from '../testing';
import { ForgetUser } from './forget-user';

let testDb: Awaited<ReturnType<typeof openTestDatabase>>;
let db: Database;
const jobs = recordingJobs();
const forgetUser = new ForgetUser({ store: new SeriesStore(), jobs, seriesJob });

beforeAll(async () => {
  testDb = await openTestDatabase();
  db = testDb.db;
});
afterAll(() => testDb?.close());

async function series(userId: string, mode: 'after-completion' | 'fixed-schedule') {
  const id = randomUUID();
  await db.series.create({
    data: {
      id,
      userId,
      rrule: 'FREQ=DAILY',
      mode,
      timeZone: 'UTC',
      startLocal: '2026-11-01T09:00:00',
      templateTaskId: id,
      occurrenceRequests: { create: { occurrenceKey: `${id}:2026-11-02T09:00:00`, dueLocal: '2026-11-02T09:00:00' } },
    },
  });
  return id;
}

test('a deleted account’s series go, with their requests and fixed-schedule jobs; no one else’s', async () => {
  const [ada, grace] = [randomUUID(), randomUUID()];
  const fixed = await series(ada, 'fixed-schedule');
  const after = await series(ada, 'after-completion');
  const others = await series(grace, 'fixed-schedule');

  await db.$transaction((tx) => forgetUser.execute(ada, tx));

  expect(jobs.calls).toEqual([{ op: 'cancel', name: `series--${fixed}` }]);
  expect(await db.series.count({ where: { id: { in: [fixed, after] } } })).toBe(0);
  expect(await db.occurrenceRequest.count({ where: { seriesId: { in: [fixed, after] } } })).toBe(0);
  expect(await db.series.findUnique({ where: { id: others } })).not.toBeNull();
  expect(await db.occurrenceRequest.count({ where: { seriesId: others } })).toBe(1);

  // Redelivered, or for an account without series: nothing to do.
  await db.$transaction((tx) => forgetUser.execute(ada, tx));
  expect(jobs.calls).toHaveLength(1);
});
