import { randomUUID } from 'node:crypto';
import { dateFrom } from '@daybook/testing';
import { DateTime } from 'luxon';
import { DEFAULT_TIME_ZONE } from '../domain/task-changes';
import { useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

const endOfDay = (date: string, zone: string) => DateTime.fromISO(date, { zone }).endOf('day').toJSDate();

test('a date without a zone is due at the end of that day in the user’s zone, once known, as it changes', async () => {
  const ada = randomUUID();
  const date = dateFrom(4);
  expect(await h.aTask(ada, { due: { date } })).toMatchObject({ dueAt: endOfDay(date, DEFAULT_TIME_ZONE) });
  await h.inTransaction((tx) => h.rememberUserTimeZone(tx, ada, 'Asia/Tokyo'));
  expect(await h.aTask(ada, { due: { date } })).toMatchObject({ dueAt: endOfDay(date, 'Asia/Tokyo') });
  await h.inTransaction((tx) => h.rememberUserTimeZone(tx, ada, 'America/New_York'));
  expect(await h.aTask(ada, { due: { date } })).toMatchObject({ dueAt: endOfDay(date, 'America/New_York') });
  // A zone of the task's own wins.
  expect(await h.aTask(ada, { due: { date, timeZone: 'Europe/Paris' } })).toMatchObject({
    dueAt: endOfDay(date, 'Europe/Paris'),
  });
});
