import { retentionCutoffs } from './retention';

test('cutoffs: a day for dead codes, tokens, sessions and counters; 30 days for revoked sessions', () => {
  const now = new Date('2026-11-22T12:00:00.000Z');
  expect(retentionCutoffs(now)).toEqual({
    loginCodesBefore: new Date('2026-11-21T12:00:00.000Z'),
    refreshTokensExpiredBefore: new Date('2026-11-21T12:00:00.000Z'),
    sessionsExpiredBefore: new Date('2026-11-21T12:00:00.000Z'),
    sessionsRevokedBefore: new Date('2026-10-23T12:00:00.000Z'),
    throttlesIdleSince: new Date('2026-11-21T12:00:00.000Z'),
  });
});
