import { RateLimited, Unauthenticated } from '../domain/errors';
import { needsRehash, verifyPassword } from '../domain/password';
import { throttleKey } from '../domain/rate-limit';
import { verifyAccessToken } from '../domain/tokens';
import {
  createAccount,
  identityParts,
  newEmail,
  newIp,
  openTestDatabase,
  PASSWORD,
  type IdentityParts,
} from '../testing';
import { logIn } from './log-in';

let close: () => Promise<void>;
let parts: IdentityParts;
let logInWith: ReturnType<typeof logIn>;

beforeAll(async () => {
  const test = await openTestDatabase();
  close = test.close;
  parts = identityParts(test.db);
  logInWith = logIn(parts);
});

afterAll(() => close?.());

const throttleOf = (scope: string, subject: string) =>
  parts.db.authThrottle.findUnique({ where: { key: throttleKey(scope, subject) } });

test('the right password starts a new session of the account', async () => {
  const user = await createAccount(parts);
  const issued = await logInWith({ email: user.email, password: PASSWORD, ip: newIp() });
  expect(issued.view.user.id).toBe(user.id);
  const claims = verifyAccessToken(issued.view.accessToken, await parts.signingKeys.keys(), parts.audience);
  expect(claims).toMatchObject({ userId: user.id, email: user.email });
  expect(await parts.db.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(1);
});

test('a wrong password and an unknown email get the same answer, and both count against the limits', async () => {
  const user = await createAccount(parts);
  const ip = newIp();
  const nobody = newEmail('nobody');
  for (const email of [user.email, nobody]) {
    const failed = logInWith({ email, password: 'wrong password!', ip });
    await expect(failed).rejects.toThrow(Unauthenticated);
    await expect(failed).rejects.toThrow(/^invalid email or password$/);
  }

  expect(await throttleOf('account', user.email)).toMatchObject({ consecutiveFailures: 1 });
  expect(await throttleOf('account', nobody)).toMatchObject({ consecutiveFailures: 1 });
  expect(await throttleOf('ip', ip)).toMatchObject({ windowCount: 2 });
  expect(await parts.db.session.count({ where: { userId: user.id } })).toBe(0);

  // A success resets the account's consecutive failures.
  await logInWith({ email: user.email, password: PASSWORD, ip });
  expect(await throttleOf('account', user.email)).toMatchObject({ consecutiveFailures: 0 });
});

test('after five failures in a row the account backs off: RateLimited, even with the right password', async () => {
  const user = await createAccount(parts);
  for (let i = 0; i < 6; i++) {
    await expect(logInWith({ email: user.email, password: 'wrong password!', ip: newIp() })).rejects.toBeInstanceOf(
      Unauthenticated,
    );
  }
  const limited = logInWith({ email: user.email, password: PASSWORD, ip: newIp() });
  await expect(limited).rejects.toBeInstanceOf(RateLimited);
  await expect(limited).rejects.toMatchObject({ retryAfterSeconds: expect.any(Number) });
  expect(await parts.db.session.count({ where: { userId: user.id } })).toBe(0);
});

test('a hash made with weaker parameters than today’s is upgraded on sign-in', async () => {
  const user = await createAccount(parts, { params: { log2N: 10, r: 8, p: 1 } });
  expect(needsRehash(user.passwordHash)).toBe(true);
  await logInWith({ email: user.email, password: PASSWORD, ip: newIp() });
  const upgraded = (await parts.users.findById(user.id))!;
  expect(needsRehash(upgraded.passwordHash)).toBe(false);
  expect(await verifyPassword(PASSWORD, upgraded.passwordHash)).toBe(true);
  // Not a change of the account: its updatedAt stays.
  expect(upgraded.updatedAt).toEqual(user.updatedAt);
});
