import { randomUUID } from 'node:crypto';
import { taskCreated, taskDeleted } from '@daybook/contracts';
import { NotFound } from '@daybook/service-kit';
import { toSnapshot } from '../domain/task-view';
import { waitFor } from '@daybook/testing';
import { useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

test('a deleted task leaves the listings and becomes read-only; its deleted event carries it', async () => {
  const ada = randomUUID();
  const t = await h.aTask(ada);
  const deleted = await h.deleteTask(ada, t.id, 1);
  expect(deleted).toMatchObject({ deletedAt: expect.any(Date), version: 2 });
  expect((await h.events(t.id)).at(-1)).toEqual({
    type: taskDeleted.type,
    data: { before: toSnapshot(t), task: toSnapshot(deleted) },
  });
  expect((await h.listTasks(ada, { limit: 10, tagMode: 'any' })).items).toEqual([]);
  await expect(h.deleteTask(ada, t.id)).rejects.toBeInstanceOf(NotFound);
  await expect(h.completeTask(ada, t.id)).rejects.toBeInstanceOf(NotFound);
  // Still readable by id, for its undo.
  expect(await h.getTask(ada, t.id)).toMatchObject({ deletedAt: deleted.deletedAt });
});

test('another user’s task is not found, and stays', async () => {
  const ada = randomUUID();
  const t = await h.aTask(ada);
  await expect(h.deleteTask(randomUUID(), t.id)).rejects.toBeInstanceOf(NotFound);
  expect(await h.getTask(ada, t.id)).toMatchObject({ deletedAt: null, version: 1 });
});

test('a subtask that comes back while the delete waits for the lock goes with its parent', async () => {
  const ada = randomUUID();
  const parent = await h.aTask(ada);
  const subtask = await h.aTask(ada, { title: 'Buy soil', parentId: parent.id });
  await h.deleteTask(ada, subtask.id);
  let deleting: Promise<unknown> | undefined;
  // Another transaction holds the parent's lock and brings the subtask back; the delete's
  // lock-and-read starts (and takes its snapshot) before that commits.
  await h.inTransaction(async (tx) => {
    await tx.$queryRawUnsafe('SELECT id FROM tasks WHERE id = $1::uuid FOR UPDATE', parent.id);
    deleting = h.deleteTask(ada, parent.id);
    // (pg_stat_activity keeps a statement's first 1 KB: the lock-and-read's start, not its FOR UPDATE.)
    await waitFor('the delete waiting for the parent’s lock', async () => {
      const [row] = await h.db.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%SELECT t.id::text, t.user_id::text%'`,
      );
      return (row?.n ?? 0) > 0;
    });
    await tx.$executeRawUnsafe('UPDATE tasks SET deleted_at = NULL WHERE id = $1::uuid', subtask.id);
  });
  await deleting;
  expect(await h.getTask(ada, subtask.id)).toMatchObject({ deletedAt: expect.any(Date) });
  expect((await h.events(subtask.id)).map((e) => e.type)).toEqual([
    taskCreated.type,
    taskDeleted.type,
    taskDeleted.type,
  ]);
});
