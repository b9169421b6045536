import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h.close());
afterEach(() => h.setClock(undefined));

test('choosing a review time schedules one job at the next local Sunday; clearing it cancels the job', async () => {
  const userId = randomUUID();
  await h.changeJournalSettings(userId, { reviewTime: '19:00', timeZone: 'Europe/Berlin' });
  const job = h.scheduler.waiting.get(`weekly-review--${userId}`)!;
  const at = DateTime.fromJSDate((job.when as { at: Date }).at, { zone: 'Europe/Berlin' });
  expect([at.weekday, at.toFormat('HH:mm')]).toEqual([7, '19:00']);
  expect(job.data).toEqual({ userId, reviewVersion: 1 });
  await h.changeJournalSettings(userId, { reviewTime: null });
  expect(h.scheduler.waiting.has(`weekly-review--${userId}`)).toBe(false);
});

test("the review has the week's themes, mood trend per day and streak, and schedules the next one", async () => {
  const userId = randomUUID();
  await h.changeJournalSettings(userId, { reviewTime: '20:00', timeZone: 'UTC' });
  // The review is written on a Sunday evening: pin the clock there, entries on Friday to Sunday.
  const sunday = DateTime.utc().startOf('week').minus({ days: 1 }).set({ hour: 20 });
  h.setClock(sunday.toJSDate());
  for (const [daysBefore, mood, body] of [
    [2, 2, 'Work on the project was stressful. The deadline is close.'],
    [1, 4, 'A walk in the park after work. The project is nearly done.'],
    [0, 5, 'A calm Sunday with a long walk in the park.'],
  ] as const) {
    const entry = await h.anEntry(userId, {
      body,
      mood,
      writtenAt: sunday.minus({ days: daysBefore, hours: 2 }).toISO()!,
      timeZone: 'UTC',
    });
    await h.analyze(entry.id, 1);
  }
  const review = await h.writeWeeklyReview({ userId, reviewVersion: 1 });
  expect(review).toMatchObject({
    weekStart: sunday.startOf('week').toISODate(),
    streak: 3,
    moodTrend: [
      { date: sunday.minus({ days: 2 }).toISODate(), mood: 2 },
      { date: sunday.minus({ days: 1 }).toISODate(), mood: 4 },
      { date: sunday.toISODate(), mood: 5 },
    ],
  });
  expect(review!.themes).toEqual(expect.arrayContaining(['park', 'project']));
  expect(review!.entryIds).toHaveLength(3);
  const next = (h.scheduler.waiting.get(`weekly-review--${userId}`)!.when as { at: Date }).at;
  expect(DateTime.fromJSDate(next, { zone: 'UTC' }).toISO()).toBe(sunday.plus({ weeks: 1 }).toISO());
  expect((await h.listWeeklyReviews(userId, 5)).map((r) => r.id)).toEqual([review!.id]);
});

test('a trigger of an outdated schedule writes nothing', async () => {
  const userId = randomUUID();
  await h.changeJournalSettings(userId, { reviewTime: '20:00' });
  await h.changeJournalSettings(userId, { reviewTime: '21:00' });
  expect(await h.writeWeeklyReview({ userId, reviewVersion: 1 })).toBeNull();
  expect(await h.listWeeklyReviews(userId, 5)).toEqual([]);
});
