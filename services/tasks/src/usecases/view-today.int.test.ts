import { randomUUID } from 'node:crypto';
import { dateFrom } from '@daybook/testing';
import { useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

test('today, in the zone asked for: open tasks due by the end of today there, overdue first', async () => {
  const ada = randomUUID();
  const zone = 'Pacific/Auckland';
  const due = (days: number) => ({ date: dateFrom(days, zone), timeZone: zone });
  const today = await h.aTask(ada, { title: 'today', due: due(0) });
  const overdue = await h.aTask(ada, { title: 'overdue', due: due(-2) });
  await h.aTask(ada, { title: 'tomorrow', due: due(1) });
  await h.aTask(ada, { title: 'no date' });
  const done = await h.aTask(ada, { title: 'done today', due: due(0) });
  await h.completeTask(ada, done.id);
  await h.aTask(randomUUID(), { title: 'someone else’s', due: due(0) });

  expect((await h.viewToday(ada, zone, 100)).map((t) => t.id)).toEqual([overdue.id, today.id]);
  expect((await h.viewToday(ada, zone, 1)).map((t) => t.id)).toEqual([overdue.id]);
});
