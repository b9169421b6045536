import { randomBytes } from 'node:crypto';
import { RefreshRejected, Unauthenticated } from '../domain/errors';
import { hashToken } from '../domain/tokens';
import { createAccount, DAY, identityParts, openTestDatabase, type IdentityParts } from '../testing';
import { refreshSession } from './refresh-session';

let close: () => Promise<void>;
let parts: IdentityParts;
let refresh: ReturnType<typeof refreshSession>;
const warnings: unknown[][] = [];

beforeAll(async () => {
  const test = await openTestDatabase();
  close = test.close;
  parts = identityParts(test.db);
  refresh = refreshSession({ ...parts, log: { warn: (...args: unknown[]) => void warnings.push(args) } });
});

afterAll(() => close?.());

/** A signed-in account: its session started at `startedAt` (now unless told). */
async function signedIn(startedAt = new Date()) {
  const user = await createAccount(parts);
  const issued = await parts.transact((tx) => parts.issuer.start(tx, user, startedAt));
  return { user, issued };
}

const tokenRow = (token: string) => parts.transact((tx) => parts.sessions.findRefreshToken(tx, hashToken(token)));

test('exchanges a refresh token for the next one of the same session', async () => {
  const { user, issued } = await signedIn();
  const next = await refresh(issued.refreshToken);
  expect(next.refreshToken).not.toBe(issued.refreshToken);
  expect(next.view.user.id).toBe(user.id);

  const used = (await tokenRow(issued.refreshToken))!;
  const fresh = (await tokenRow(next.refreshToken))!;
  expect(used.usedAt).not.toBeNull();
  expect(fresh).toMatchObject({ sessionId: used.sessionId, usedAt: null });
  expect(fresh.session.lastUsedAt).toEqual(used.usedAt);
});

test('a replayed token revokes its whole session, the token it was exchanged for too', async () => {
  const { issued } = await signedIn();
  const next = await refresh(issued.refreshToken);

  const replay = refresh(issued.refreshToken);
  await expect(replay).rejects.toThrow(RefreshRejected);
  await expect(replay).rejects.toMatchObject({
    reason: 'refresh-token-reused',
    message: 'invalid refresh token: sign in again',
  });
  expect((await tokenRow(issued.refreshToken))!.session).toMatchObject({ revokedReason: 'refresh-token-reused' });
  expect(warnings).toContainEqual(['a used refresh token was presented again: its session is revoked']);

  await expect(refresh(next.refreshToken)).rejects.toMatchObject({ reason: 'revoked' });
});

test('two exchanges of one token at once: one wins, and the other is a replay that ends the session', async () => {
  const { issued } = await signedIn();
  const outcomes = await Promise.allSettled([refresh(issued.refreshToken), refresh(issued.refreshToken)]);
  expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
  const lost = outcomes.find((o) => o.status === 'rejected');
  expect(lost).toMatchObject({ reason: { reason: 'refresh-token-reused' } });
  expect((await tokenRow(issued.refreshToken))!.session.revokedAt).not.toBeNull();
});

test('a token past its lifetime is rejected as expired', async () => {
  const { issued } = await signedIn(new Date(Date.now() - 30 * DAY));
  await expect(refresh(issued.refreshToken)).rejects.toMatchObject({
    reason: 'expired',
    message: 'refresh token expired',
  });
});

test('no token is Unauthenticated; a malformed or unknown one is rejected without a trace', async () => {
  const missing = refresh(undefined);
  await expect(missing).rejects.toThrow(Unauthenticated);
  await expect(missing).rejects.not.toThrow(RefreshRejected);
  await expect(missing).rejects.toThrow('missing refresh token');
  await expect(refresh('garbage')).rejects.toMatchObject({ reason: 'unknown' });
  await expect(refresh(randomBytes(32).toString('base64url'))).rejects.toMatchObject({ reason: 'unknown' });
});
