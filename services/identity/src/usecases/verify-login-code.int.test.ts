import { randomUUID } from 'node:crypto';
import { Unauthenticated } from '../domain/errors';
import { LOGIN_CODE_MAX_ATTEMPTS, LOGIN_CODE_TTL_MS, hashLoginCode } from '../domain/login-code';
import { throttleKey } from '../domain/rate-limit';
import type { User } from '../generated/prisma/client';
import { createAccount, identityParts, newEmail, newIp, openTestDatabase, type IdentityParts } from '../testing';
import { verifyLoginCode } from './verify-login-code';

let close: () => Promise<void>;
let parts: IdentityParts;
let verify: ReturnType<typeof verifyLoginCode>;

beforeAll(async () => {
  const test = await openTestDatabase();
  close = test.close;
  parts = identityParts(test.db);
  verify = verifyLoginCode(parts);
});

afterAll(() => close?.());

/** A code as request-login-code stores it, issued at `issuedAt` (now unless told). */
async function codeFor(user: User, code = '482913', issuedAt = new Date()) {
  const id = randomUUID();
  await parts.transact((tx) =>
    parts.loginCodes.create(tx, {
      id,
      userId: user.id,
      codeHash: hashLoginCode(parts.sealingKeys.opened, id, code),
      createdAt: issuedAt,
      expiresAt: new Date(issuedAt.getTime() + LOGIN_CODE_TTL_MS),
    }),
  );
  return { id, code };
}

async function expectInvalid(attempt: Promise<unknown>) {
  await expect(attempt).rejects.toThrow(Unauthenticated);
  await expect(attempt).rejects.toThrow(/^invalid email or code$/);
}

test('the code signs in, once', async () => {
  const user = await createAccount(parts);
  const { id, code } = await codeFor(user);
  const issued = await verify({ email: user.email, code, ip: newIp() });
  expect(issued.view.user.id).toBe(user.id);
  expect((await parts.db.loginCode.findUnique({ where: { id } }))!.consumedAt).not.toBeNull();
  await expectInvalid(verify({ email: user.email, code, ip: newIp() }));
  expect(await parts.db.session.count({ where: { userId: user.id } })).toBe(1);
});

test('one code used twice at once signs in only once', async () => {
  const user = await createAccount(parts);
  const { code } = await codeFor(user);
  const outcomes = await Promise.allSettled([1, 2].map(() => verify({ email: user.email, code, ip: newIp() })));
  expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
  expect(await parts.db.session.count({ where: { userId: user.id } })).toBe(1);
});

test('each wrong guess is counted; after the last one allowed, the right code is void too', async () => {
  const user = await createAccount(parts);
  const { id, code } = await codeFor(user, '482913');
  for (let i = 0; i < LOGIN_CODE_MAX_ATTEMPTS; i++) {
    await expectInvalid(verify({ email: user.email, code: '000000', ip: newIp() }));
  }
  expect((await parts.db.loginCode.findUnique({ where: { id } }))!.attempts).toBe(LOGIN_CODE_MAX_ATTEMPTS);
  await expectInvalid(verify({ email: user.email, code, ip: newIp() }));
  expect(await parts.db.session.count({ where: { userId: user.id } })).toBe(0);
});

test('only the newest code is tried', async () => {
  const user = await createAccount(parts);
  const older = await codeFor(user, '111111', new Date(Date.now() - 60_000));
  const newer = await codeFor(user, '222222');
  await expectInvalid(verify({ email: user.email, code: older.code, ip: newIp() }));
  await expect(verify({ email: user.email, code: newer.code, ip: newIp() })).resolves.toMatchObject({
    view: { user: { id: user.id } },
  });
});

test('an expired code and an unknown email do not sign in, and both count as failures', async () => {
  const user = await createAccount(parts);
  const expired = await codeFor(user, '111111', new Date(Date.now() - LOGIN_CODE_TTL_MS - 1_000));
  await expectInvalid(verify({ email: user.email, code: expired.code, ip: newIp() }));
  const nobody = newEmail('nobody');
  await expectInvalid(verify({ email: nobody, code: '123456', ip: newIp() }));
  // Failures count towards the sign-in limits, known email or not.
  for (const email of [user.email, nobody]) {
    expect(await parts.db.authThrottle.findUnique({ where: { key: throttleKey('account', email) } })).toMatchObject({
      consecutiveFailures: 1,
    });
  }
  expect(await parts.db.session.count({ where: { userId: user.id } })).toBe(0);
});
