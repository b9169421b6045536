import { randomUUID } from 'node:crypto';
import { journalTaskRequested, type EventData } from '@daybook/contracts';
import { useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h.close());

const request = (userId: string): EventData<typeof journalTaskRequested> => {
  const entryId = randomUUID();
  return {
    ...journalTaskRequested.example,
    requestId: randomUUID(),
    userId,
    entryId,
    title: 'Call Mum about the trip',
    source: { kind: 'journal-entry', entryId, url: `/#/journal?entry=${entryId}` },
    requestedAt: new Date().toISOString(),
  };
};

test('a journal request creates one open task of that user, linking back to the entry', async () => {
  const userId = randomUUID();
  const req = request(userId);
  const task = await h.inTransaction((tx) => h.createRequestedTask(tx, req));
  expect(task).toMatchObject({ userId, title: 'Call Mum about the trip', status: 'open' });
  expect(task!.notes).toBe(`From your journal entry: /#/journal?entry=${req.entryId}`);
  expect((await h.events(task!.id)).map((e) => e.type)).toEqual(['daybook.task.created.v1']);
});

test('the same request again (redelivered or replayed) creates nothing', async () => {
  const userId = randomUUID();
  const req = request(userId);
  await h.inTransaction((tx) => h.createRequestedTask(tx, req));
  expect(await h.inTransaction((tx) => h.createRequestedTask(tx, req))).toBeUndefined();
  const tasks = await h.db.prisma.task.findMany({ where: { userId } });
  expect(tasks).toHaveLength(1);
});
