import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from '@daybook/service-kit';
import { hashLoginCode } from '../domain/login-code';
import { hashToken } from '../domain/tokens';
import { createAccount, DAY, identityParts, openTestDatabase, type IdentityParts } from '../testing';
import { cleanUpExpired } from './clean-up-expired';

let close: () => Promise<void>;
let parts: IdentityParts;
const logged: unknown[][] = [];
const log: Pick<Logger, 'info'> = { info: (...args: unknown[]) => void logged.push(args) };

beforeAll(async () => {
  const test = await openTestDatabase();
  close = test.close;
  parts = identityParts(test.db);
});

afterAll(() => close?.());

test('deletes codes, sessions, refresh tokens and rate-limit records nobody can use, and nothing live', async () => {
  const now = new Date();
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const user = await createAccount(parts);
  const db = parts.db;

  // Live: a session in use, its refresh token, a fresh code, a recent throttle and a long block.
  const live = await parts.transact((tx) => parts.issuer.start(tx, user, now));
  const liveSession = (await parts.transact((tx) => parts.sessions.findRefreshToken(tx, hashToken(live.refreshToken))))!
    .session;
  const code = (id: string, createdAt: Date, expiresAt: Date, consumedAt: Date | null = null) => ({
    id,
    userId: user.id,
    codeHash: hashLoginCode(parts.sealingKeys.opened, id, '482913'),
    createdAt,
    expiresAt,
    consumedAt,
  });
  const ids = {
    freshCode: randomUUID(),
    expiredCode: randomUUID(),
    usedCode: randomUUID(),
    endedSession: randomUUID(),
    revokedSession: randomUUID(),
    recentlyRevoked: randomUUID(),
    expiredToken: randomUUID(),
  };
  await db.loginCode.createMany({
    data: [
      code(ids.freshCode, ago(60_000), ago(-60_000)),
      code(ids.expiredCode, ago(3 * DAY), ago(2 * DAY)),
      code(ids.usedCode, ago(3 * DAY), ago(3 * DAY - 60_000), ago(2 * DAY)),
    ],
  });
  await db.session.createMany({
    data: [
      { id: ids.endedSession, userId: user.id, createdAt: ago(100 * DAY), expiresAt: ago(2 * DAY) },
      {
        id: ids.revokedSession,
        userId: user.id,
        createdAt: ago(60 * DAY),
        expiresAt: ago(-30 * DAY),
        revokedAt: ago(31 * DAY),
        revokedReason: 'logout',
      },
      {
        id: ids.recentlyRevoked,
        userId: user.id,
        createdAt: ago(10 * DAY),
        expiresAt: ago(-80 * DAY),
        revokedAt: ago(2 * DAY),
        revokedReason: 'logout',
      },
    ],
  });
  // An expired token of the live session (it rotated long ago): replay detection needs it no more.
  await db.refreshToken.create({
    data: {
      id: ids.expiredToken,
      sessionId: liveSession.id,
      tokenHash: hashToken(randomBytes(32).toString('base64url')),
      createdAt: ago(20 * DAY),
      expiresAt: ago(2 * DAY),
      usedAt: ago(19 * DAY),
    },
  });
  await db.authThrottle.createMany({
    data: [
      { key: 'account:idle', windowStartedAt: ago(3 * DAY), windowCount: 3, updatedAt: ago(2 * DAY) },
      { key: 'account:recent', windowStartedAt: ago(60_000), windowCount: 3, updatedAt: ago(60_000) },
      {
        key: 'account:still-blocked',
        windowStartedAt: ago(3 * DAY),
        windowCount: 3,
        blockedUntil: ago(-60_000),
        updatedAt: ago(2 * DAY),
      },
    ],
  });

  const deleted = await cleanUpExpired({ ...parts, log, now: () => now })();
  expect(deleted).toEqual({ loginCodes: 2, sessions: 2, refreshTokens: 1, throttles: 1 });
  expect(logged).toEqual([[{ deleted }, 'deleted expired login codes, sessions and rate-limit records']]);

  expect((await db.loginCode.findMany()).map((c) => c.id)).toEqual([ids.freshCode]);
  expect((await db.session.findMany()).map((s) => s.id).sort()).toEqual([liveSession.id, ids.recentlyRevoked].sort());
  expect((await db.refreshToken.findMany()).map((t) => t.tokenHash)).toEqual([hashToken(live.refreshToken)]);
  expect((await db.authThrottle.findMany()).map((t) => t.key).sort()).toEqual([
    'account:recent',
    'account:still-blocked',
  ]);
});
