import { randomUUID } from 'node:crypto';
import { NotFound } from '@daybook/service-kit';
import { useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

test('a person reads their own task; another’s, or a missing one, is not found', async () => {
  const ada = randomUUID();
  const t = await h.aTask(ada, { title: 'Ada’s secret' });
  expect(await h.getTask(ada, t.id)).toEqual(t);
  await expect(h.getTask(randomUUID(), t.id)).rejects.toEqual(new NotFound('task'));
  await expect(h.getTask(ada, randomUUID())).rejects.toEqual(new NotFound('task'));
});
