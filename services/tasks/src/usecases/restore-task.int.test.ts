import { randomUUID } from 'node:crypto';
import { taskRestored } from '@daybook/contracts';
import { Conflict, NotFound } from '@daybook/service-kit';
import { RESTORE_WINDOW_MS } from '../domain/restore-window';
import { toSnapshot } from '../domain/task-view';
import { useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

test('a deleted task is restored within the window, with one restored event', async () => {
  const ada = randomUUID();
  const t = await h.aTask(ada);
  const deleted = await h.deleteTask(ada, t.id);
  const restored = await h.restoreTask(ada, t.id);
  expect(restored).toMatchObject({ deletedAt: null, version: 3 });
  expect((await h.events(t.id)).at(-1)).toEqual({
    type: taskRestored.type,
    data: { before: toSnapshot(deleted), task: toSnapshot(restored) },
  });
  expect((await h.listTasks(ada, { limit: 10, tagMode: 'any' })).items.map((i) => i.id)).toEqual([t.id]);
});

test('a task that is not deleted is a Conflict; one deleted longer ago than the window is gone', async () => {
  const ada = randomUUID();
  const t = await h.aTask(ada);
  await expect(h.restoreTask(ada, t.id)).rejects.toEqual(new Conflict('task is not deleted', toSnapshot(t)));
  await h.deleteTask(ada, t.id);
  await h.db.prisma.task.update({
    where: { id: t.id },
    data: { deletedAt: new Date(Date.now() - RESTORE_WINDOW_MS - 60_000) },
  });
  await expect(h.restoreTask(ada, t.id)).rejects.toBeInstanceOf(NotFound);
  await expect(h.restoreTask(randomUUID(), t.id)).rejects.toBeInstanceOf(NotFound);
  expect(await h.events(t.id)).toHaveLength(2);
});
