import { randomUUID } from 'node:crypto';
import { dateFrom } from '@daybook/testing';
import { useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

test('upcoming, in the zone asked for: open tasks due after today and within the days asked, soonest first', async () => {
  const ada = randomUUID();
  const zone = 'America/Los_Angeles';
  const due = (days: number) => ({ date: dateFrom(days, zone), timeZone: zone });
  await h.aTask(ada, { title: 'today', due: due(0) });
  const inThree = await h.aTask(ada, { title: 'in three days', due: due(3) });
  const tomorrow = await h.aTask(ada, { title: 'tomorrow', due: due(1) });
  await h.aTask(ada, { title: 'in eight days', due: due(8) });
  await h.aTask(randomUUID(), { title: 'someone else’s', due: due(1) });

  expect((await h.viewUpcoming(ada, zone, 7, 100)).map((t) => t.id)).toEqual([tomorrow.id, inThree.id]);
  expect((await h.viewUpcoming(ada, zone, 2, 100)).map((t) => t.id)).toEqual([tomorrow.id]);
});
