import { randomUUID } from 'node:crypto';
import { NotFound } from '@daybook/service-kit';
import type { HistoryEntry, HistoryFilter, PageRequest } from '../domain/audit-entry';
import { listEntityHistory } from './list-entity-history';

const ada = randomUUID();
const bob = randomUUID();
const taskId = randomUUID();

/** An in-memory history: the store's rules (own entries, newest first, older than the cursor). */
function storeOf(entries: HistoryEntry[]) {
  const matches = (f: HistoryFilter) => (e: HistoryEntry) =>
    e.userId === f.userId &&
    (f.entityType === undefined || e.entityType === f.entityType) &&
    (f.entityId === undefined || e.entityId === f.entityId);
  return {
    page: async (filter: HistoryFilter, { limit, cursor }: PageRequest) => {
      const rows = entries
        .filter(matches(filter))
        .filter((e) => cursor === undefined || e.id < cursor)
        .sort((a, b) => (a.id > b.id ? -1 : 1));
      const page = rows.slice(0, limit);
      return { entries: page, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
    },
    hasAny: async (filter: HistoryFilter) => entries.some(matches(filter)),
  };
}

const entry = (userId: string, entityId: string, id: bigint): HistoryEntry => ({
  id,
  eventId: randomUUID(),
  eventType: 'daybook.task.updated.v1',
  entityType: 'task',
  entityId,
  userId,
  actor: `user:${userId}`,
  before: { title: 'Water the plants' },
  after: { title: 'Water the ferns' },
  changes: [{ path: 'title', kind: 'changed', from: 'Water the plants', to: 'Water the ferns' }],
  occurredAt: new Date(),
  correlationId: 'corr-1',
  causationId: 'req-1',
  recordedAt: new Date(),
});

const history = listEntityHistory({
  store: storeOf([
    entry(ada, taskId, 1n),
    entry(ada, randomUUID(), 2n),
    entry(ada, taskId, 3n),
    entry(bob, taskId, 4n),
  ]),
});

test('the caller’s own entries about the entity, newest first, a page at a time', async () => {
  const first = await history({ userId: ada, entityType: 'task', entityId: taskId, limit: 1 });
  expect(first.entries.map((e) => e.id)).toEqual([3n]);
  expect(first.nextCursor).toBe(3n);
  const second = await history({ userId: ada, entityType: 'task', entityId: taskId, limit: 1, cursor: 3n });
  expect(second).toEqual({ entries: [expect.objectContaining({ id: 1n, userId: ada })], nextCursor: null });
});

test('an entity the caller has no entry for is not found, whoever it belongs to', async () => {
  // bob's entry about the task does not make it ada's, nor ada's make it bob's other tasks.
  await expect(history({ userId: bob, entityType: 'task', entityId: randomUUID(), limit: 50 })).rejects.toThrow(
    NotFound,
  );
  const otherUsers = history({ userId: randomUUID(), entityType: 'task', entityId: taskId, limit: 50 });
  await expect(otherUsers).rejects.toThrow(NotFound);
  await expect(otherUsers).rejects.toThrow(`history of task ${taskId} not found`);
  await expect(history({ userId: ada, entityType: 'user', entityId: taskId, limit: 50 })).rejects.toThrow(NotFound);
});

test('a page past the caller’s last entry is an empty page of their own, not a 404', async () => {
  expect(await history({ userId: ada, entityType: 'task', entityId: taskId, limit: 50, cursor: 1n })).toEqual({
    entries: [],
    nextCursor: null,
  });
});
