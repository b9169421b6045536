import { createLogger } from '@daybook/service-kit';
import { SWEEP_BATCH, sweepExpiredHistory } from './sweep-expired-history';

const DAY = 24 * 60 * 60 * 1000;

test('removes batch after batch of what happened before now less the retention, until a batch is short', async () => {
  const now = new Date();
  const asked: { cutoff: Date; batch: number }[] = [];
  const answers = [SWEEP_BATCH, SWEEP_BATCH, 17];
  const store = {
    deleteOlderThan: async (cutoff: Date, batch: number) => {
      asked.push({ cutoff, batch });
      return answers.shift() ?? 0;
    },
  };
  const lines: Record<string, unknown>[] = [];
  const log = createLogger('audit', 'info', { write: (line: string) => void lines.push(JSON.parse(line)) });
  const sweep = sweepExpiredHistory({ store, retentionDays: 30, log, now: () => now });

  expect(await sweep()).toBe(2 * SWEEP_BATCH + 17);
  const cutoff = new Date(now.getTime() - 30 * DAY);
  expect(asked).toEqual(Array(3).fill({ cutoff, batch: SWEEP_BATCH }));
  expect(lines).toContainEqual(
    expect.objectContaining({
      msg: 'expired history swept',
      removed: 2 * SWEEP_BATCH + 17,
      cutoff: cutoff.toISOString(),
      retentionDays: 30,
    }),
  );
});

test('nothing old: one statement, nothing removed', async () => {
  let statements = 0;
  const store = { deleteOlderThan: async () => (statements++, 0) };
  const sweep = sweepExpiredHistory({
    store,
    retentionDays: 1,
    log: createLogger('audit', 'silent'),
    now: () => new Date(),
  });
  expect(await sweep()).toBe(0);
  expect(statements).toBe(1);
});
