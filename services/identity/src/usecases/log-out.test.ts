import { hashToken, newRefreshToken } from '../domain/tokens';
import type { RevokeReason } from '../infrastructure/session-store';
import { logOut } from './log-out';

/** A session store that only remembers what it was asked to revoke. */
function recordingSessions() {
  const revoked: { tokenHash: string; reason: RevokeReason; now: Date }[] = [];
  return {
    revoked,
    sessions: {
      revokeByTokenHash: async (tokenHash: string, reason: RevokeReason, now: Date) => {
        revoked.push({ tokenHash, reason, now });
      },
    },
  };
}

const at = new Date();

test('revokes the session of the token presented, found by the token’s hash', async () => {
  const { sessions, revoked } = recordingSessions();
  const token = newRefreshToken();
  await logOut({ sessions, now: () => at })(token);
  expect(revoked).toEqual([{ tokenHash: hashToken(token), reason: 'logout', now: at }]);
});

test('no token, or one of the wrong shape, is not looked up: signing out still succeeds', async () => {
  const { sessions, revoked } = recordingSessions();
  const out = logOut({ sessions, now: () => at });
  await expect(out(undefined)).resolves.toBeUndefined();
  await expect(out('garbage')).resolves.toBeUndefined();
  expect(revoked).toEqual([]);
});
