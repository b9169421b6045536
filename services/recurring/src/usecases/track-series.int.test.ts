import { randomUUID } from 'node:crypto';
import type { SeriesScope, TaskSnapshot } from '@daybook/contracts';
import { dateFrom, dateTimeFrom } from '@daybook/testing';
import { DateTime } from 'luxon';
import type { Database } from '../infrastructure/database';
import { SeriesStore } from '../infrastructure/series-store';
import { seriesJob } from '../jobs/series-job';
import { openTestDatabase, recordingJobs, silentLog, taskSnapshot } from '../testing';
import { StopSeries } from './stop-series';
import { TrackSeries } from './track-series';

// On real PostgreSQL, with a Jobs that records what the Scheduler would be asked.
let testDb: Awaited<ReturnType<typeof openTestDatabase>>;
let db: Database;
const jobs = recordingJobs();
const store = new SeriesStore();
const stopSeries = new StopSeries({ store, jobs, seriesJob, log: silentLog, now: () => new Date() });
const trackSeries = new TrackSeries({ store, jobs, seriesJob, stopSeries });

beforeAll(async () => {
  testDb = await openTestDatabase();
  db = testDb.db;
});
afterAll(() => testDb?.close());
beforeEach(() => jobs.calls.splice(0));

const created = (task: TaskSnapshot) => db.$transaction((tx) => trackSeries.created(task, tx));
const changed = (task: TaskSnapshot, scope?: SeriesScope) =>
  db.$transaction((tx) => trackSeries.changed(task, tx, scope));
const seriesOf = (id: string) => db.series.findUnique({ where: { id } });
const londonInstant = (local: string) => DateTime.fromISO(local, { zone: 'Europe/London' }).toJSDate();

describe('a task is created', () => {
  test('a recurring task starts a series of its own id, from its due time in its zone', async () => {
    const task = taskSnapshot({
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU', mode: 'after-completion', exdates: [] },
    });
    await created(task);
    expect(await seriesOf(task.id)).toMatchObject({
      userId: task.userId,
      rrule: 'FREQ=WEEKLY;BYDAY=TU',
      mode: 'after-completion',
      timeZone: 'Europe/London',
      startLocal: task.due && 'dateTime' in task.due ? task.due.dateTime : '',
      templateTaskId: task.id,
      occurrencesCreated: 1,
      missedPolicy: 'create',
      exdates: [],
      stoppedAt: null,
    });
    expect(jobs.calls).toEqual([]); // after completion: no job
  });

  test('a fixed schedule gets its job, due when its first occurrence is due', async () => {
    const local = `${dateTimeFrom(2, '07:30', 'Europe/London')}:00`;
    const task = taskSnapshot({
      due: { dateTime: local, timeZone: 'Europe/London' },
      recurrence: { rrule: 'FREQ=DAILY', mode: 'fixed-schedule', missed: 'skip', exdates: [] },
    });
    await created(task);
    expect(await seriesOf(task.id)).toMatchObject({ mode: 'fixed-schedule', lastLocal: local, missedPolicy: 'skip' });
    expect(jobs.calls).toEqual([
      {
        op: 'schedule',
        name: `series--${task.id}`,
        at: londonInstant(local),
        data: { seriesId: task.id, dueLocal: local },
      },
    ]);
  });

  test('a fixed schedule of dates gets its job when its first day ends, not when it begins', async () => {
    const day = dateFrom(0, 'Europe/London');
    const task = taskSnapshot({
      due: { date: day, timeZone: 'Europe/London' },
      recurrence: { rrule: 'FREQ=DAILY', mode: 'fixed-schedule', missed: 'skip', exdates: [] },
    });
    await created(task);
    const endOfDay = DateTime.fromISO(day, { zone: 'Europe/London' }).plus({ days: 1 }).toJSDate();
    expect(jobs.calls).toEqual([
      {
        op: 'schedule',
        name: `series--${task.id}`,
        at: endOfDay,
        data: { seriesId: task.id, dueLocal: `${day}T00:00:00` },
      },
    ]);
  });

  test('created again (a redelivery past the inbox): the series stays as it was', async () => {
    const task = taskSnapshot();
    await created(task);
    await db.series.update({ where: { id: task.id }, data: { occurrencesCreated: 4 } });
    await created({ ...task, recurrence: { rrule: 'FREQ=WEEKLY', mode: 'after-completion' } });
    expect(await seriesOf(task.id)).toMatchObject({ rrule: 'FREQ=DAILY', occurrencesCreated: 4 });
  });

  test('an occurrence tasks created becomes its series’ template; a plain task starts nothing', async () => {
    const first = taskSnapshot();
    await created(first);
    const next = taskSnapshot({ userId: first.userId, seriesId: first.id });
    await created(next);
    expect(await seriesOf(first.id)).toMatchObject({ templateTaskId: next.id });
    expect(await seriesOf(next.id)).toBeNull();

    const plain = taskSnapshot({ recurrence: null });
    await created(plain);
    await created(taskSnapshot({ seriesId: randomUUID() })); // of a series unknown here
    expect(await seriesOf(plain.id)).toBeNull();
  });
});

describe('a task is updated or deleted', () => {
  /** An after-completion series whose latest task is `latest` (the first one, or a later one). */
  async function series(overrides: Partial<TaskSnapshot> = {}) {
    const first = taskSnapshot(overrides);
    await created(first);
    jobs.calls.splice(0);
    return first;
  }

  test('a new rule on the latest task reshapes the series from it', async () => {
    const first = await series();
    const edited = { ...first, version: 2, recurrence: { rrule: 'FREQ=WEEKLY', mode: 'after-completion' as const } };
    await changed(edited, 'future');
    expect(await seriesOf(first.id)).toMatchObject({ rrule: 'FREQ=WEEKLY', stoppedAt: null });
  });

  test('a new time of day moves an after-completion series; the same time on another day does not', async () => {
    const first = await series();
    const start = first.due && 'dateTime' in first.due ? first.due.dateTime : '';
    const otherDay = `${DateTime.fromISO(start).plus({ days: 3 }).toISODate()}T09:00:00`;
    await changed({ ...first, due: { dateTime: otherDay, timeZone: 'Europe/London' } });
    expect(await seriesOf(first.id)).toMatchObject({ startLocal: start });

    const later = `${start.slice(0, 10)}T18:15:00`;
    await changed({ ...first, due: { dateTime: later, timeZone: 'Europe/London' } });
    expect(await seriesOf(first.id)).toMatchObject({ startLocal: later, lastLocal: later });
    expect(jobs.calls).toEqual([]);
  });

  test('a moved fixed-schedule occurrence reschedules the job; a switch to after completion cancels it', async () => {
    const first = await series({ recurrence: { rrule: 'FREQ=DAILY', mode: 'fixed-schedule' } });
    const moved = `${dateTimeFrom(3, '10:00', 'Europe/London')}:00`;
    await changed({ ...first, due: { dateTime: moved, timeZone: 'Europe/London' } });
    expect(await seriesOf(first.id)).toMatchObject({ startLocal: moved, lastLocal: moved });
    await changed({
      ...first,
      due: { dateTime: moved, timeZone: 'Europe/London' },
      recurrence: { rrule: 'FREQ=DAILY', mode: 'after-completion' },
    });
    expect(await seriesOf(first.id)).toMatchObject({ mode: 'after-completion' });
    expect(jobs.calls).toEqual([
      {
        op: 'schedule',
        name: `series--${first.id}`,
        at: londonInstant(moved),
        data: { seriesId: first.id, dueLocal: moved },
      },
      { op: 'cancel', name: `series--${first.id}` },
    ]);
  });

  test('“this occurrence only”, an older occurrence, or an edit that changes nothing of the series: no change', async () => {
    const first = await series();
    const before = await seriesOf(first.id);
    const weekly = { rrule: 'FREQ=WEEKLY', mode: 'after-completion' as const };
    await changed({ ...first, recurrence: weekly }, 'this');
    await changed({ ...first, title: 'Renamed', version: 2 });
    const next = taskSnapshot({ userId: first.userId, seriesId: first.id });
    await created(next); // the new latest occurrence
    await changed({ ...first, recurrence: weekly }, 'future');
    expect(await seriesOf(first.id)).toEqual({ ...before, templateTaskId: next.id });
  });

  test('the latest task without its rule, or deleted, stops the series; a fixed schedule’s job is cancelled', async () => {
    const after = await series();
    await changed({ ...after, recurrence: null, version: 2 });
    expect((await seriesOf(after.id))?.stoppedAt).toBeInstanceOf(Date);

    const fixed = await series({ recurrence: { rrule: 'FREQ=DAILY', mode: 'fixed-schedule' } });
    await changed({ ...fixed, deletedAt: new Date().toISOString(), version: 2 });
    expect((await seriesOf(fixed.id))?.stoppedAt).toBeInstanceOf(Date);
    expect(jobs.calls).toEqual([{ op: 'cancel', name: `series--${fixed.id}` }]);

    // Stopped is stopped: a later edit (or restoring the rule) changes nothing.
    const stoppedAt = (await seriesOf(after.id))?.stoppedAt;
    await changed({ ...after, version: 3 });
    expect(await seriesOf(after.id)).toMatchObject({ stoppedAt });
  });
});
