import { randomUUID } from 'node:crypto';
import { waitFor } from '@daybook/testing';
import { ChangeFeed } from '../infrastructure/change-feed';
import type { ChangeNotice } from '../infrastructure/change-log';
import { createLogger } from '@daybook/service-kit';
import { taskChange, useCaseHarness } from '../testing';
import { forgetUser } from './forget-user';
import { pruneChanges } from './prune-changes';
import { readChanges } from './read-changes';
import { recordChange } from './record-change';

let h: Awaited<ReturnType<typeof useCaseHarness>>;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h?.close());

const record = () => recordChange({ log: h.log, metrics: h.metrics, retainPerUser: 100 });

test('concurrent recordings for one user get seqs 1..n without holes, announced at commit in seq order', async () => {
  const heard: ChangeNotice[] = [];
  const feed = new ChangeFeed({
    databaseUrl: h.databaseUrl,
    schema: 'realtime',
    log: createLogger('realtime', 'silent'),
    metrics: h.metrics,
    listener: { changed: (n) => heard.push(n), resumed: () => {} },
  });
  await feed.start();
  try {
    const ada = randomUUID();
    const events = Array.from({ length: 40 }, () => taskChange(ada));
    // 40 transactions queue on one user's row lock through a pool of 20: on a loaded machine the
    // last ones wait past Prisma's 2 s to start (a CI run failed so). The test is about the seqs,
    // not that queue: they may wait as long as they need.
    const queued = { maxWait: 60_000, timeout: 60_000 };
    const seqs = await Promise.all(events.map((e) => h.db.$transaction((tx) => record()(tx, e), queued)));
    expect([...seqs].sort((x, y) => x! - y!)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    await waitFor('every notice', () => heard.length === 40);
    expect(heard.map((n) => n.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(heard.every((n) => n.userId === ada && n.change?.seq === n.seq)).toBe(true);

    // The same event again (its inbox record expired): not recorded twice.
    expect(await h.db.$transaction((tx) => record()(tx, events[0]!))).toBeUndefined();
    // A transaction that rolls back leaves no hole.
    await expect(
      h.db.$transaction(async (tx) => {
        await record()(tx, taskChange(ada));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await h.db.$transaction((tx) => record()(tx, taskChange(ada)))).toBe(41);
  } finally {
    await feed.stop();
  }
});

test('retention per user and by age: what cannot be served resyncs, what can is served exactly', async () => {
  const bea = randomUUID();
  for (let i = 0; i < 115; i++) await h.db.$transaction((tx) => record()(tx, taskChange(bea)));
  const read = readChanges({ log: h.log });
  // 100 kept, pruned once more than 110 are held: at seq 111, through 11.
  expect(await read({ userId: bea, since: 0, limit: 10 })).toEqual({ kind: 'resync', cursor: 115 });
  expect(await read({ userId: bea, since: 10, limit: 10 })).toEqual({ kind: 'resync', cursor: 115 });
  const page = await read({ userId: bea, since: 11, limit: 3 });
  expect(page).toMatchObject({ kind: 'changes', cursor: 14, hasMore: true });
  expect(await read({ userId: bea, since: 116, limit: 3 })).toEqual({ kind: 'resync', cursor: 115 });

  await h.db.$executeRawUnsafe(
    `UPDATE changes SET recorded_at = now() - interval '2 hours' WHERE user_id = $1::uuid AND seq <= 50`,
    bea,
  );
  const pruned = await pruneChanges({ log: h.log, retainMs: 3_600_000, now: () => new Date() })();
  expect(pruned).toBeGreaterThanOrEqual(1);
  expect(await read({ userId: bea, since: 49, limit: 1 })).toEqual({ kind: 'resync', cursor: 115 });
  expect(await read({ userId: bea, since: 50, limit: 1 })).toMatchObject({ kind: 'changes', cursor: 51 });

  await h.db.$transaction((tx) => forgetUser({ log: h.log })(tx, bea));
  expect(await read({ userId: bea, since: 0, limit: 1 })).toEqual({
    kind: 'changes',
    changes: [],
    cursor: 0,
    hasMore: false,
  });
});
