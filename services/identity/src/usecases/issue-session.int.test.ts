import {
  ACCESS_TOKEN_TTL_SECONDS,
  REFRESH_TOKEN_TTL_MS,
  SESSION_MAX_AGE_MS,
  hashToken,
  verifyAccessToken,
} from '../domain/tokens';
import { createAccount, DAY, identityParts, openTestDatabase, type IdentityParts } from '../testing';

let close: () => Promise<void>;
let parts: IdentityParts;

beforeAll(async () => {
  const test = await openTestDatabase();
  close = test.close;
  parts = identityParts(test.db);
});

afterAll(() => close?.());

const stored = (token: string) => parts.transact((tx) => parts.sessions.findRefreshToken(tx, hashToken(token)));

test('a new session: a refresh token stored as its hash only, and an access token naming the session', async () => {
  const user = await createAccount(parts);
  const now = new Date();
  const issued = await parts.transact((tx) => parts.issuer.start(tx, user, now));

  const row = (await stored(issued.refreshToken))!;
  expect(row.tokenHash).not.toContain(issued.refreshToken);
  expect(row.session).toMatchObject({
    userId: user.id,
    createdAt: now,
    lastUsedAt: now,
    expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_MS),
  });
  expect(row.expiresAt).toEqual(new Date(now.getTime() + REFRESH_TOKEN_TTL_MS));
  expect(issued.refreshTokenExpiresAt).toEqual(row.expiresAt);

  const claims = verifyAccessToken(issued.view.accessToken, await parts.signingKeys.keys(), parts.audience, now);
  expect(claims).toEqual({ userId: user.id, email: user.email, sessionId: row.sessionId });
  expect(issued.view).toMatchObject({
    user: { id: user.id, email: user.email },
    accessTokenExpiresAt: new Date(
      Math.floor(now.getTime() / 1000) * 1000 + ACCESS_TOKEN_TTL_SECONDS * 1000,
    ).toISOString(),
    refreshToken: issued.refreshToken,
  });
});

test('the next tokens of a session never outlive it', async () => {
  const user = await createAccount(parts);
  const now = new Date();
  const first = await parts.transact((tx) => parts.issuer.start(tx, user, now));
  // A session that ends tomorrow, sooner than a refresh token would.
  const session = { id: (await stored(first.refreshToken))!.sessionId, expiresAt: new Date(now.getTime() + DAY) };

  const next = await parts.transact((tx) => parts.issuer.issue(tx, user, session, now));
  expect(next.refreshTokenExpiresAt).toEqual(session.expiresAt);
  expect((await stored(next.refreshToken))!).toMatchObject({ sessionId: session.id, expiresAt: session.expiresAt });
});
