import { randomUUID } from 'node:crypto';
import { Unauthenticated } from '../domain/errors';
import { hashLoginCode, LOGIN_CODE_TTL_MS } from '../domain/login-code';
import { verifyPassword } from '../domain/password';
import { throttleKey } from '../domain/rate-limit';
import { hashToken } from '../domain/tokens';
import type { User } from '../generated/prisma/client';
import { createAccount, identityParts, newIp, openTestDatabase, PASSWORD, type IdentityParts } from '../testing';
import { changePassword } from './change-password';

let close: () => Promise<void>;
let parts: IdentityParts;
let change: ReturnType<typeof changePassword>;

beforeAll(async () => {
  const test = await openTestDatabase();
  close = test.close;
  parts = identityParts(test.db);
  change = changePassword(parts);
});

afterAll(() => close?.());

const NEW_PASSWORD = 'a new password';

/** An account signed in on two devices, with an unused login code. */
async function signedInTwice() {
  const user = await createAccount(parts, { createdAt: new Date(Date.now() - 60_000) });
  const here = await parts.transact((tx) => parts.issuer.start(tx, user, new Date()));
  const elsewhere = await parts.transact((tx) => parts.issuer.start(tx, user, new Date()));
  const codeId = randomUUID();
  const now = new Date();
  await parts.transact((tx) =>
    parts.loginCodes.create(tx, {
      id: codeId,
      userId: user.id,
      codeHash: hashLoginCode(parts.sealingKeys.opened, codeId, '482913'),
      createdAt: now,
      expiresAt: new Date(now.getTime() + LOGIN_CODE_TTL_MS),
    }),
  );
  const sessionOf = async (token: string) =>
    (await parts.transact((tx) => parts.sessions.findRefreshToken(tx, hashToken(token))))!.session;
  return { user, here: await sessionOf(here.refreshToken), elsewhere: await sessionOf(elsewhere.refreshToken), codeId };
}

const passwordOf = async (user: User) => (await parts.users.findById(user.id))!.passwordHash;

test('swaps the password, ends every other session, keeps this one, and voids unused codes', async () => {
  const { user, here, elsewhere, codeId } = await signedInTwice();
  await change({
    userId: user.id,
    sessionId: here.id,
    currentPassword: PASSWORD,
    newPassword: NEW_PASSWORD,
    ip: newIp(),
  });

  expect(await verifyPassword(NEW_PASSWORD, await passwordOf(user))).toBe(true);
  expect(await verifyPassword(PASSWORD, await passwordOf(user))).toBe(false);
  expect((await parts.users.findById(user.id))!.updatedAt.getTime()).toBeGreaterThan(user.updatedAt.getTime());
  expect(await parts.db.session.findUnique({ where: { id: elsewhere.id } })).toMatchObject({
    revokedReason: 'password-changed',
  });
  expect(await parts.db.session.findUnique({ where: { id: here.id } })).toMatchObject({ revokedAt: null });
  expect((await parts.db.loginCode.findUnique({ where: { id: codeId } }))!.consumedAt).not.toBeNull();
});

test('a wrong current password changes nothing and counts as a failed sign-in', async () => {
  const { user, here, elsewhere } = await signedInTwice();
  const hash = await passwordOf(user);
  const wrong = change({
    userId: user.id,
    sessionId: here.id,
    currentPassword: 'not my password',
    newPassword: NEW_PASSWORD,
    ip: newIp(),
  });
  await expect(wrong).rejects.toThrow(Unauthenticated);
  await expect(wrong).rejects.toThrow('password is incorrect');
  expect(await passwordOf(user)).toBe(hash);
  expect(await parts.db.session.findUnique({ where: { id: elsewhere.id } })).toMatchObject({ revokedAt: null });
  expect(await parts.db.authThrottle.findUnique({ where: { key: throttleKey('account', user.email) } })).toMatchObject({
    consecutiveFailures: 1,
  });
});
