import { userRegistered } from '@daybook/contracts';
import { Conflict } from '@daybook/service-kit';
import { verifyPassword } from '../domain/password';
import { hashToken, verifyAccessToken } from '../domain/tokens';
import { identityParts, newEmail, openTestDatabase, outboxEvents, PASSWORD, type IdentityParts } from '../testing';
import { signUp } from './sign-up';

let close: () => Promise<void>;
let parts: IdentityParts;
let signUpWith: ReturnType<typeof signUp>;

beforeAll(async () => {
  const test = await openTestDatabase();
  close = test.close;
  parts = identityParts(test.db);
  signUpWith = signUp(parts);
});

afterAll(() => close?.());

test('creates the account, signs it in and publishes user.registered, all in one transaction', async () => {
  const email = newEmail('ada');
  const issued = await signUpWith({ email, password: PASSWORD, timeZone: 'Europe/London', displayName: 'Ada' });

  const user = (await parts.users.findByEmail(email))!;
  expect(user).toMatchObject({ email, displayName: 'Ada', timeZone: 'Europe/London' });
  expect(await verifyPassword(PASSWORD, user.passwordHash)).toBe(true);
  expect(user.updatedAt).toEqual(user.createdAt);

  expect(issued.view.user).toEqual({
    id: user.id,
    email,
    displayName: 'Ada',
    timeZone: 'Europe/London',
    createdAt: user.createdAt.toISOString(),
  });
  const claims = verifyAccessToken(issued.view.accessToken, await parts.signingKeys.keys(), parts.audience);
  expect(claims).toMatchObject({ userId: user.id, email });
  expect(issued.view.refreshToken).toBe(issued.refreshToken);
  const stored = await parts.transact((tx) => parts.sessions.findRefreshToken(tx, hashToken(issued.refreshToken)));
  expect(stored).toMatchObject({ usedAt: null, expiresAt: issued.refreshTokenExpiresAt });
  expect(stored!.session).toMatchObject({ userId: user.id, revokedAt: null });

  const events = (await outboxEvents(parts.db, userRegistered)).filter((e) => e.data.userId === user.id);
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ subject: user.id, partitionkey: user.id });
  expect(events[0]!.data).toEqual({
    userId: user.id,
    email,
    timeZone: 'Europe/London',
    registeredAt: user.createdAt.toISOString(),
  });
});

test('an email already taken is a Conflict, and nothing of the second attempt is kept', async () => {
  const email = newEmail();
  await signUpWith({ email, password: PASSWORD, timeZone: 'UTC' });
  const before = (await outboxEvents(parts.db, userRegistered)).length;

  const again = signUpWith({ email, password: 'another password', timeZone: 'Europe/Paris' });
  await expect(again).rejects.toBeInstanceOf(Conflict);
  await expect(again).rejects.toThrow('an account with this email already exists');

  expect(await parts.db.user.count({ where: { email } })).toBe(1);
  expect(await verifyPassword(PASSWORD, (await parts.users.findByEmail(email))!.passwordHash)).toBe(true);
  expect(await outboxEvents(parts.db, userRegistered)).toHaveLength(before);
});
