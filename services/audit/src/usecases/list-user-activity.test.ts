import { randomUUID } from 'node:crypto';
import type { HistoryEntry, HistoryFilter, HistoryPage, PageRequest } from '../domain/audit-entry';
import { listUserActivity } from './list-user-activity';

const entry = (userId: string, id: bigint): HistoryEntry => ({
  id,
  eventId: randomUUID(),
  eventType: 'daybook.task.created.v1',
  entityType: 'task',
  entityId: randomUUID(),
  userId,
  actor: `user:${userId}`,
  before: null,
  after: { title: 'Water the plants' },
  changes: null,
  occurredAt: new Date(),
  correlationId: 'corr-1',
  causationId: null,
  recordedAt: new Date(),
});

/** A store that answers one canned page and remembers what it was asked. */
function storeAnswering(page: HistoryPage) {
  const asked: { filter: HistoryFilter; request: PageRequest }[] = [];
  return {
    asked,
    store: {
      page: async (filter: HistoryFilter, request: PageRequest) => {
        asked.push({ filter, request });
        return page;
      },
    },
  };
}

test('the caller’s history is asked for across every entity, with the page requested', async () => {
  const ada = randomUUID();
  const page = { entries: [entry(ada, 7n), entry(ada, 5n)], nextCursor: 5n };
  const { store, asked } = storeAnswering(page);
  expect(await listUserActivity({ store })({ userId: ada, limit: 2, cursor: 9n })).toBe(page);
  expect(asked).toEqual([{ filter: { userId: ada }, request: { limit: 2, cursor: 9n } }]);
});

test('no entry yet is an empty page, not an error', async () => {
  const { store, asked } = storeAnswering({ entries: [], nextCursor: null });
  expect(await listUserActivity({ store })({ userId: randomUUID(), limit: 50 })).toEqual({
    entries: [],
    nextCursor: null,
  });
  expect(asked[0]!.request).toEqual({ limit: 50, cursor: undefined });
});
