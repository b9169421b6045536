import { randomUUID } from 'node:crypto';
import { userDeleted } from '@daybook/contracts';
import { Unauthenticated } from '../domain/errors';
import { hashLoginCode, LOGIN_CODE_TTL_MS } from '../domain/login-code';
import {
  createAccount,
  identityParts,
  newIp,
  openTestDatabase,
  outboxEvents,
  PASSWORD,
  type IdentityParts,
} from '../testing';
import { deleteAccount } from './delete-account';

let close: () => Promise<void>;
let parts: IdentityParts;
let remove: ReturnType<typeof deleteAccount>;

beforeAll(async () => {
  const test = await openTestDatabase();
  close = test.close;
  parts = identityParts(test.db);
  remove = deleteAccount(parts);
});

afterAll(() => close?.());

const eventsFor = async (userId: string) =>
  (await outboxEvents(parts.db, userDeleted)).filter((e) => e.data.userId === userId);

test('deletes the account with its sessions and codes, and publishes user.deleted', async () => {
  const user = await createAccount(parts);
  await parts.transact((tx) => parts.issuer.start(tx, user, new Date()));
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

  await remove({ userId: user.id, password: PASSWORD, ip: newIp() });

  expect(await parts.users.findById(user.id)).toBeUndefined();
  expect(await parts.db.session.count({ where: { userId: user.id } })).toBe(0);
  expect(await parts.db.loginCode.count({ where: { userId: user.id } })).toBe(0);
  const [event] = await eventsFor(user.id);
  expect(event).toMatchObject({ subject: user.id, partitionkey: user.id });
  expect(new Date(event!.data.deletedAt).getTime()).toBeGreaterThanOrEqual(now.getTime());
  // The email is free again.
  await expect(createAccount(parts, { email: user.email })).resolves.toMatchObject({ email: user.email });
});

test('a wrong password deletes nothing', async () => {
  const user = await createAccount(parts);
  const wrong = remove({ userId: user.id, password: 'not my password', ip: newIp() });
  await expect(wrong).rejects.toThrow(Unauthenticated);
  await expect(wrong).rejects.toThrow('password is incorrect');
  expect(await parts.users.findById(user.id)).toEqual(user);
  expect(await eventsFor(user.id)).toEqual([]);
});

test('an account already gone is not signed in', async () => {
  await expect(remove({ userId: randomUUID(), password: PASSWORD, ip: newIp() })).rejects.toThrow(
    'account no longer exists',
  );
});
