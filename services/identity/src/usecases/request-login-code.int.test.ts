import { loginCodeRequested, loginCodeSealing } from '@daybook/contracts';
import { unseal } from '@daybook/service-kit';
import { RateLimited } from '../domain/errors';
import { LOGIN_CODE_TTL_MS, loginCodeMatches } from '../domain/login-code';
import { throttleKey } from '../domain/rate-limit';
import {
  createAccount,
  identityParts,
  newEmail,
  newIp,
  openTestDatabase,
  outboxEvents,
  type IdentityParts,
} from '../testing';
import { requestLoginCode } from './request-login-code';

let close: () => Promise<void>;
let parts: IdentityParts;
let request: ReturnType<typeof requestLoginCode>;

beforeAll(async () => {
  const test = await openTestDatabase();
  close = test.close;
  parts = identityParts(test.db);
  request = requestLoginCode(parts);
});

afterAll(() => close?.());

const eventsFor = async (userId: string) =>
  (await outboxEvents(parts.db, loginCodeRequested)).filter((e) => e.data.userId === userId);

test('stores a code (its hash only) and publishes it sealed for notifications', async () => {
  const user = await createAccount(parts);
  const before = Date.now();
  await request({ email: user.email, ip: newIp() });

  const [event] = await eventsFor(user.id);
  expect(event).toMatchObject({
    subject: user.id,
    partitionkey: user.id,
    data: { userId: user.id, email: user.email },
  });
  const code = unseal(parts.sealingKeys.opened, event!.data.sealedCode, loginCodeSealing.context(user.id));
  expect(code).toMatch(/^\d{6}$/);
  expect(JSON.stringify(event)).not.toContain(code);

  const rows = await parts.db.loginCode.findMany({ where: { userId: user.id } });
  expect(rows).toHaveLength(1);
  const row = rows[0]!;
  expect(row).toMatchObject({ attempts: 0, consumedAt: null });
  expect(row.codeHash).not.toContain(code);
  expect(loginCodeMatches(parts.sealingKeys.opened, row.id, code, row.codeHash)).toBe(true);
  expect(row.expiresAt.getTime()).toBeGreaterThanOrEqual(before + LOGIN_CODE_TTL_MS);
  expect(event!.data.expiresAt).toBe(row.expiresAt.toISOString());
});

test('a newer code voids the older one', async () => {
  const user = await createAccount(parts);
  await request({ email: user.email, ip: newIp() });
  await request({ email: user.email, ip: newIp() });
  const rows = await parts.db.loginCode.findMany({ where: { userId: user.id }, orderBy: { createdAt: 'asc' } });
  expect(rows.map((r) => r.consumedAt === null)).toEqual([false, true]);
  expect(await eventsFor(user.id)).toHaveLength(2);
});

test('an unknown email gets the same quiet success: no code, no event, but the request counts', async () => {
  const nobody = newEmail('nobody');
  const before = (await outboxEvents(parts.db, loginCodeRequested)).length;
  await expect(request({ email: nobody, ip: newIp() })).resolves.toBeUndefined();
  expect(await outboxEvents(parts.db, loginCodeRequested)).toHaveLength(before);
  expect(await parts.db.authThrottle.findUnique({ where: { key: throttleKey('code-account', nobody) } })).toMatchObject(
    { windowCount: 1 },
  );
});

test('five requests per account per window, then RateLimited (unknown emails alike)', async () => {
  const user = await createAccount(parts);
  for (const email of [user.email, newEmail('nobody')]) {
    for (let i = 0; i < 5; i++) await request({ email, ip: newIp() });
    await expect(request({ email, ip: newIp() })).rejects.toThrow(RateLimited);
  }
  expect(await eventsFor(user.id)).toHaveLength(5);
});
