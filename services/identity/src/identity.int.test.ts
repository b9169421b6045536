import { randomBytes, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Client } from 'pg';
import {
  cloudEventSchema,
  loginCodeRequested,
  userDeleted,
  userRegistered,
  userUpdated,
  type EventContract,
  type EventData,
} from '@daybook/contracts';
import { jwksTokenVerifier } from '@daybook/service-kit';
import {
  createTestDatabase,
  kafkaTap,
  mintAccessToken,
  startJwksServer,
  startServiceUnderTest,
  testContext,
  testSecretsFile,
  unsealLoginCode,
  waitFor,
  type KafkaTap,
  type ServiceUnderTest,
  type TestDatabase,
} from '@daybook/testing';
import { CLEANUP_JOB } from './jobs/clean-up-expired';
import { identityOpenApiDocument } from './routes/openapi';

// The identity service as it runs: its own process beside a real daprd, which loads the
// signing keys from the test secret store and publishes user events to Kafka.
let db: TestDatabase;
let jwks: Awaited<ReturnType<typeof startJwksServer>>;
let identity: ServiceUnderTest;
let tap: KafkaTap;
let secrets: Record<string, string>;

beforeAll(async () => {
  db = await createTestDatabase(['identity']);
  const s = testSecretsFile(`/tmp/daybook-test-secrets-${randomUUID()}`);
  secrets = s.secrets;
  jwks = await startJwksServer(secrets);
  const ctx = testContext({
    databaseUrl: db.url,
    secretsFile: s.file,
    jwksUrl: jwks.url,
    appIds: ['identity'],
    name: 'identity',
  });
  [identity, tap] = await Promise.all([startServiceUnderTest(ctx, 'identity'), kafkaTap([userRegistered.topic])]);
});

afterAll(async () => {
  await tap?.stop();
  await identity?.stop();
  await jwks?.close();
  await db?.drop();
});

// --- A small client. Each test signs in from its own address (X-Forwarded-For from a
// loopback proxy is trusted), so the per-IP limits of one test never touch another's.

interface Session {
  user: { id: string; email: string; displayName: string | null; timeZone: string; createdAt: string };
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
}
interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
  cookies: string[];
}
type LoginCodeData = EventData<typeof loginCodeRequested>;
interface ErrorBody {
  error: { code: string; message: string; details?: { problems?: { field: string; message: string }[] } };
}

let lastOctet = 0;
const newIp = () => `198.51.${Math.floor(++lastOctet / 250)}.${(lastOctet % 250) + 1}`;
const newEmail = (name = 'user') => `${name}-${randomBytes(4).toString('hex')}@example.com`;
const PASSWORD = 'correct horse battery';

function client(ip = newIp()) {
  async function call<T = unknown>(
    method: string,
    path: string,
    opts: { body?: unknown; token?: string; cookie?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { 'x-forwarded-for': ip, ...opts.headers };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.cookie) headers.cookie = opts.cookie;
    const res = await fetch(`${identity.baseUrl}/api/identity${path}`, {
      method,
      headers,
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: (text ? JSON.parse(text) : undefined) as T,
      headers: res.headers,
      cookies: res.headers.getSetCookie(),
    };
  }
  return {
    ip,
    call,
    post: <T = unknown>(path: string, body?: unknown, opts: Parameters<typeof call>[2] = {}) =>
      call<T>('POST', path, { ...opts, body }),
    async signup(email = newEmail(), extra: Record<string, unknown> = {}) {
      const res = await call<Session>('POST', '/signup', {
        body: { email, password: PASSWORD, timeZone: 'Europe/London', ...extra },
      });
      expect(res.status).toBe(201);
      return res.body;
    },
    async login(email: string, password = PASSWORD) {
      return call<Session & ErrorBody>('POST', '/login', { body: { email, password } });
    },
  };
}

const refreshCookie = (res: Answer) => res.cookies.find((c) => c.startsWith('daybook_refresh='));
const fieldsOf = (res: Answer) => ((res.body as ErrorBody).error.details?.problems ?? []).map((p) => p.field).sort();

/** The first event of a contract on the wire whose data matches. */
async function eventOn<C extends EventContract>(contract: C, match: (data: Record<string, unknown>) => boolean) {
  const wire = await tap.waitFor(
    contract.type,
    (m) => m.json?.type === contract.type && match(m.json.data as Record<string, unknown>),
  );
  const event = cloudEventSchema.parse(wire.json);
  return { wire, event, data: contract.schema.parse(event.data) as Record<string, unknown> };
}

// --- Sign-up

describe('signup', () => {
  test('creates the account, answers a Session with a refresh cookie, and publishes user.registered', async () => {
    const c = client();
    const email = newEmail('Ada');
    const res = await c.call<Session>('POST', '/signup', {
      body: { email: `  ${email.toUpperCase()} `, password: PASSWORD, timeZone: 'europe/london', displayName: 'Ada' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const session = res.body;
    expect(session.user).toEqual({
      id: expect.any(String),
      email: email.toLowerCase(),
      displayName: 'Ada',
      timeZone: 'Europe/London',
      createdAt: expect.any(String),
    });
    expect(session.refreshToken).toMatch(/^[\w-]{43}$/);
    expect(new Date(session.accessTokenExpiresAt).getTime() - Date.now()).toBeGreaterThan(14 * 60_000);

    const cookie = refreshCookie(res)!;
    expect(cookie).toContain(`daybook_refresh=${session.refreshToken}`);
    expect(cookie).toMatch(/; Path=\/api\/identity/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).not.toMatch(/; Secure/);

    const { wire, event, data } = await eventOn(userRegistered, (d) => d.userId === session.user.id);
    expect(wire.key).toBe(session.user.id);
    expect(event).toMatchObject({ source: 'identity', partitionkey: session.user.id });
    expect(data).toMatchObject({ email: email.toLowerCase(), timeZone: 'Europe/London' });
  });

  test('the refresh cookie is Secure when the request came over https', async () => {
    const res = await client().call('POST', '/signup', {
      body: { email: newEmail(), password: PASSWORD, timeZone: 'UTC' },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(res.status).toBe(201);
    expect(refreshCookie(res)).toMatch(/; Secure/);
  });

  test('an email already taken (in any letter case) is a 409', async () => {
    const c = client();
    const email = newEmail();
    await c.signup(email);
    const again = await c.post<ErrorBody>('/signup', {
      email: email.toUpperCase(),
      password: 'another password',
      timeZone: 'UTC',
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'conflict', message: 'an account with this email already exists' });
  });

  test('bad input is a 400 naming every bad field', async () => {
    const c = client();
    const res = await c.post('/signup', {
      email: 'not-an-email',
      password: 'short',
      timeZone: 'Mars/Base',
      admin: true,
    });
    expect(res.status).toBe(400);
    expect((res.body as ErrorBody).error.code).toBe('validation_failed');
    expect(fieldsOf(res)).toEqual(['body.admin', 'body.email', 'body.password', 'body.timeZone']);
    const long = await c.post('/signup', { email: newEmail(), password: 'x'.repeat(201), timeZone: '+01:00' });
    expect(fieldsOf(long)).toEqual(['body.password', 'body.timeZone']);
    const empty = await c.call('POST', '/signup');
    expect(empty.status).toBe(400);
  });
});

// --- Tokens

describe('access tokens', () => {
  test('ES256, 15 minutes, iss, aud, sub, email and the kid of the first signing key', async () => {
    const session = await client().signup();
    const { header, payload } = jwt.decode(session.accessToken, { complete: true }) as jwt.Jwt & {
      payload: jwt.JwtPayload;
    };
    const [firstKey] = JSON.parse(secrets['identity-jwt-signing-keys']!) as { kid: string }[];
    expect(header).toMatchObject({ alg: 'ES256', kid: firstKey!.kid });
    expect(payload).toMatchObject({
      iss: 'daybook-identity',
      aud: 'daybook',
      sub: session.user.id,
      email: session.user.email,
    });
    expect(payload.exp! - payload.iat!).toBe(15 * 60);
  });

  test("other services accept identity's tokens with the kit's JWKS verifier, and refuse forgeries", async () => {
    const session = await client().signup();
    for (const path of ['/.well-known/jwks.json', '/api/identity/.well-known/jwks.json']) {
      const verifier = jwksTokenVerifier({
        jwksUrl: `${identity.baseUrl}${path}`,
        issuer: 'daybook-identity',
        audience: 'daybook',
      });
      await expect(verifier.verify(session.accessToken)).resolves.toEqual({
        id: session.user.id,
        email: session.user.email,
      });
      const [h, , s] = session.accessToken.split('.');
      const forged = Buffer.from(JSON.stringify({ sub: randomUUID(), iss: 'daybook-identity', aud: 'daybook' }));
      await expect(verifier.verify(`${h}.${forged.toString('base64url')}.${s}`)).rejects.toMatchObject({
        status: 401,
      });
    }
    const keys = (await (await fetch(`${identity.baseUrl}/.well-known/jwks.json`)).json()) as { keys: object[] };
    for (const key of keys.keys) expect(key).not.toHaveProperty('d');
  });
});

// --- Sign-in with a password

describe('login', () => {
  test('the right password signs in; the wrong one and an unknown email get the same 401', async () => {
    const c = client();
    const email = newEmail();
    const { user } = await c.signup(email);
    const ok = await c.login(email.toUpperCase());
    expect(ok.status).toBe(200);
    expect(ok.body.user.id).toBe(user.id);
    expect(refreshCookie(ok)).toContain(ok.body.refreshToken);

    const wrong = await c.login(email, 'wrong password!');
    const unknown = await c.login(newEmail('nobody'), 'wrong password!');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toEqual({ error: { code: 'unauthorized', message: 'invalid email or password' } });
  });

  test('bad input is a 400', async () => {
    const res = await client().post('/login', { email: 'nope', password: '', remember: true });
    expect(fieldsOf(res)).toEqual(['body.email', 'body.password', 'body.remember']);
  });
});

// --- Refresh and logout

describe('refresh', () => {
  test('rotates the refresh token, from the body or the cookie', async () => {
    const c = client();
    const first = await c.signup();
    const second = await c.post<Session>('/refresh', { refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect(second.body.user.id).toBe(first.user.id);
    expect(refreshCookie(second)).toContain(second.body.refreshToken);

    const third = await c.call<Session>('POST', '/refresh', { cookie: `daybook_refresh=${second.body.refreshToken}` });
    expect(third.status).toBe(200);
    expect(third.body.refreshToken).not.toBe(second.body.refreshToken);
    const me = await c.call('GET', '/me', { token: third.body.accessToken });
    expect(me.status).toBe(200);
  });

  test('replaying a used refresh token revokes its whole family; other sessions live on', async () => {
    const c = client();
    const email = newEmail();
    const a = await c.signup(email);
    const other = (await c.login(email)).body;
    const b = await c.post<Session>('/refresh', { refreshToken: a.refreshToken });
    expect(b.status).toBe(200);

    const replay = await c.post<ErrorBody>('/refresh', { refreshToken: a.refreshToken });
    expect(replay.status).toBe(401);
    // The rotated token (perhaps the thief's) is revoked with its family.
    const rotated = await c.post('/refresh', { refreshToken: b.body.refreshToken });
    expect(rotated.status).toBe(401);
    // A session from another sign-in is another family.
    expect((await c.post('/refresh', { refreshToken: other.refreshToken })).status).toBe(200);
  });

  test('two refreshes racing with one token: one wins, and the replay revokes the family', async () => {
    const c = client();
    const session = await c.signup();
    const answers = await Promise.all(
      [1, 2].map(() => c.post<Session>('/refresh', { refreshToken: session.refreshToken })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
    const winner = answers.find((a) => a.status === 200)!;
    expect((await c.post('/refresh', { refreshToken: winner.body.refreshToken })).status).toBe(401);
  });

  test('a missing, malformed or unknown token is a 401; unknown fields a 400', async () => {
    const c = client();
    expect((await c.call('POST', '/refresh')).status).toBe(401);
    expect((await c.post('/refresh', {})).status).toBe(401);
    expect((await c.post('/refresh', { refreshToken: 'garbage' })).status).toBe(401);
    expect((await c.post('/refresh', { refreshToken: randomBytes(32).toString('base64url') })).status).toBe(401);
    const bad = await c.post('/refresh', { refreshToken: 'x', extra: 1 });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(['body.extra']);
  });
});

describe('logout', () => {
  test('revokes the session and clears the cookie', async () => {
    const c = client();
    const session = await c.signup();
    const res = await c.call('POST', '/logout', { cookie: `daybook_refresh=${session.refreshToken}` });
    expect(res.status).toBe(204);
    expect(refreshCookie(res)).toMatch(/daybook_refresh=;.*Expires=Thu, 01 Jan 1970/);
    expect((await c.post('/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
  });

  test('with the token in the body, and without any token (still 204)', async () => {
    const c = client();
    const session = await c.signup();
    expect((await c.post('/logout', { refreshToken: session.refreshToken })).status).toBe(204);
    expect((await c.post('/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
    expect((await c.call('POST', '/logout')).status).toBe(204);
  });
});

// --- The account

describe('me', () => {
  test('reads and updates the profile; a change publishes user.updated', async () => {
    const c = client();
    const session = await c.signup(newEmail(), { displayName: 'Ada' });
    const me = await c.call('GET', '/me', { token: session.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toEqual(session.user);

    const patched = await c.call('PATCH', '/me', {
      token: session.accessToken,
      body: { displayName: '  Ada L. ', timeZone: 'America/New_York' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({ ...session.user, displayName: 'Ada L.', timeZone: 'America/New_York' });
    const { data } = await eventOn(userUpdated, (d) => d.userId === session.user.id);
    expect(data).toMatchObject({ displayName: 'Ada L.', timeZone: 'America/New_York' });

    const cleared = await c.call('PATCH', '/me', { token: session.accessToken, body: { displayName: null } });
    expect(cleared.body).toMatchObject({ displayName: null, timeZone: 'America/New_York' });
  });

  test('bad input is a 400 naming each field', async () => {
    const c = client();
    const { accessToken } = await c.signup();
    const res = await c.call('PATCH', '/me', {
      token: accessToken,
      body: { timeZone: 'Europe/Atlantis', displayName: '', email: 'x@example.com' },
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['body.displayName', 'body.email', 'body.timeZone']);
  });

  test('needs a valid access token', async () => {
    const c = client();
    expect((await c.call('GET', '/me')).status).toBe(401);
    expect((await c.call('GET', '/me', { token: 'abc.def.ghi' })).status).toBe(401);
    // Signed with a key identity does not hold.
    const foreign = testSecretsFile(`/tmp/daybook-test-secrets-${randomUUID()}`).secrets;
    const { user } = await c.signup();
    expect((await c.call('GET', '/me', { token: mintAccessToken(foreign, user.id) })).status).toBe(401);
    expect((await c.call('PATCH', '/me', { body: { displayName: 'x' } })).status).toBe(401);
  });

  test('isolation: a token reads and changes only its own account', async () => {
    const c = client();
    const ada = await c.signup(newEmail('ada'));
    const bob = await c.signup(newEmail('bob'));
    const asBob = await c.call<Session['user']>('GET', '/me', { token: bob.accessToken });
    expect(asBob.body.id).toBe(bob.user.id);
    await c.call('PATCH', '/me', { token: bob.accessToken, body: { displayName: 'Bob' } });
    const adaNow = await c.call<Session['user']>('GET', '/me', { token: ada.accessToken });
    expect(adaNow.body).toEqual(ada.user);
    // Bob's password does not delete Ada's account, and Bob's token cannot name Ada.
    const del = await c.call('DELETE', '/me', { token: ada.accessToken, body: { password: 'not adas password' } });
    expect(del.status).toBe(401);
    expect((await c.call('GET', '/me', { token: ada.accessToken })).status).toBe(200);
    // A well-signed token for an account that does not exist gets nothing.
    expect((await c.call('GET', '/me', { token: mintAccessToken(secrets, randomUUID()) })).status).toBe(401);
  });
});

describe('password change', () => {
  test("revokes the account's other sessions, keeps this one, and swaps the password", async () => {
    const c = client();
    const email = newEmail();
    const here = await c.signup(email);
    const elsewhere = (await c.login(email)).body;

    const wrong = await c.post(
      '/password',
      { currentPassword: 'not my password', newPassword: 'a new password' },
      {
        token: here.accessToken,
      },
    );
    expect(wrong.status).toBe(401);
    const short = await c.post(
      '/password',
      { currentPassword: PASSWORD, newPassword: 'short' },
      {
        token: here.accessToken,
      },
    );
    expect(fieldsOf(short)).toEqual(['body.newPassword']);
    expect((await c.post('/password', { currentPassword: PASSWORD, newPassword: 'a new password' })).status).toBe(401);

    const ok = await c.post(
      '/password',
      { currentPassword: PASSWORD, newPassword: 'a new password' },
      {
        token: here.accessToken,
      },
    );
    expect(ok.status).toBe(204);
    expect((await c.post('/refresh', { refreshToken: elsewhere.refreshToken })).status).toBe(401);
    expect((await c.post('/refresh', { refreshToken: here.refreshToken })).status).toBe(200);
    expect((await c.login(email)).status).toBe(401);
    expect((await c.login(email, 'a new password')).status).toBe(200);
  });
});

describe('delete account', () => {
  test('needs the password; deletes the account, publishes user.deleted, and signing in fails after', async () => {
    const c = client();
    const email = newEmail();
    const session = await c.signup(email);
    const noBody = await c.call('DELETE', '/me', { token: session.accessToken });
    expect(fieldsOf(noBody)).toEqual(['body.password']);
    expect((await c.call('DELETE', '/me', { body: { password: PASSWORD } })).status).toBe(401);
    const wrong = await c.call('DELETE', '/me', { token: session.accessToken, body: { password: 'wrong password' } });
    expect(wrong.status).toBe(401);

    const res = await c.call('DELETE', '/me', { token: session.accessToken, body: { password: PASSWORD } });
    expect(res.status).toBe(204);
    expect(refreshCookie(res)).toMatch(/^daybook_refresh=;/);
    const { wire, data } = await eventOn(userDeleted, (d) => d.userId === session.user.id);
    expect(wire.key).toBe(session.user.id);
    expect(data.deletedAt).toEqual(expect.any(String));

    expect((await c.login(email)).status).toBe(401);
    expect((await c.call('GET', '/me', { token: session.accessToken })).status).toBe(401);
    expect((await c.post('/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
    // The email is free again.
    expect((await c.signup(email)).user.id).not.toBe(session.user.id);
  });
});

// --- Sign-in with an emailed code

describe('login code', () => {
  /** The code as notifications would email it: opened from the event with the test key. */
  const codeIn = (data: Record<string, unknown>) => unsealLoginCode(secrets, data as LoginCodeData);

  async function requestCode(c: ReturnType<typeof client>, email: string, userId: string) {
    expect((await c.post('/login-code', { email })).status).toBe(202);
    return { code: codeIn((await eventOn(loginCodeRequested, (d) => d.userId === userId)).data) };
  }

  test('the emailed code signs in, once', async () => {
    const c = client();
    const email = newEmail();
    const { user } = await c.signup(email);
    // The email in any letter case; the event carries the code sealed for notifications.
    expect((await c.post('/login-code', { email: email.toUpperCase() })).status).toBe(202);
    const { wire, data } = await eventOn(loginCodeRequested, (d) => d.userId === user.id);
    const code = codeIn(data);
    expect(code).toMatch(/^\d{6}$/);
    expect(wire.value).not.toContain(code);
    expect(wire.key).toBe(user.id);
    expect(data).toMatchObject({ email, userId: user.id });
    expect(new Date(data.expiresAt as string).getTime() - Date.now()).toBeGreaterThan(9 * 60_000);

    const ok = await c.post<Session>('/login-code/verify', { email, code });
    expect(ok.status).toBe(200);
    expect(ok.body.user.id).toBe(user.id);
    expect(refreshCookie(ok)).toContain(ok.body.refreshToken);
    const again = await c.post<ErrorBody>('/login-code/verify', { email, code });
    expect(again.status).toBe(401);
    expect(again.body.error.message).toBe('invalid email or code');
  });

  test('one code used twice at once signs in only once', async () => {
    const c = client();
    const email = newEmail();
    const { user } = await c.signup(email);
    const { code } = await requestCode(c, email, user.id);
    const answers = await Promise.all([1, 2].map(() => c.post('/login-code/verify', { email, code })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
  });

  test('five wrong codes void it', async () => {
    const c = client();
    const email = newEmail();
    const { user } = await c.signup(email);
    const { code } = await requestCode(c, email, user.id);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await c.post('/login-code/verify', { email, code: wrong })).status).toBe(401);
    expect((await c.post('/login-code/verify', { email, code })).status).toBe(401);
  });

  test('a newer code replaces the older one', async () => {
    const c = client();
    const email = newEmail();
    const { user } = await c.signup(email);
    const first = await requestCode(c, email, user.id);
    expect((await c.post('/login-code', { email })).status).toBe(202);
    const secondEvent = await waitFor(
      'the second code',
      () =>
        tap.messages
          .filter((m) => m.json?.type === loginCodeRequested.type)
          .map((m) => m.json!.data as LoginCodeData)
          .filter((d) => d.userId === user.id)[1],
    );
    const second = { code: codeIn(secondEvent) };
    if (first.code !== second.code) {
      expect((await c.post('/login-code/verify', { email, code: first.code })).status).toBe(401);
    }
    expect((await c.post('/login-code/verify', { email, code: second.code })).status).toBe(200);
  });

  test('an unknown email still gets 202, and no code is issued', async () => {
    const c = client();
    const nobody = newEmail('nobody');
    expect((await c.post('/login-code', { email: nobody })).status).toBe(202);
    // The outbox publishes in commit order: once a later code is on the wire, an earlier
    // one for the unknown email would be too.
    const email = newEmail();
    const { user } = await c.signup(email);
    await requestCode(c, email, user.id);
    expect(tap.messages.filter((m) => JSON.stringify(m.json?.data ?? {}).includes(nobody))).toEqual([]);
    expect((await c.post('/login-code/verify', { email: nobody, code: '123456' })).status).toBe(401);
  });

  test('bad input is a 400', async () => {
    const c = client();
    expect(fieldsOf(await c.post('/login-code', { email: 'nope', phone: '1' }))).toEqual(['body.email', 'body.phone']);
    expect(fieldsOf(await c.post('/login-code/verify', { email: newEmail(), code: '12ab56' }))).toEqual(['body.code']);
  });
});

// --- Rate limits

describe('rate limits', () => {
  test('consecutive failures on an account back off with 429 and Retry-After, known email or not', async () => {
    const c = client();
    const email = newEmail();
    await c.signup(email);
    for (const target of [email, newEmail('nobody')]) {
      // Each attempt from a new address: the account is what is limited.
      for (let i = 0; i < 6; i++) expect((await client().login(target, 'wrong password!')).status).toBe(401);
      const limited = await client().login(target, PASSWORD);
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('rate_limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    // The backoff ends by itself; then the right password signs in.
    const ok = await waitFor(
      'the backoff to end',
      async () => {
        const res = await client().login(email);
        return res.status === 429 ? undefined : res;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(ok.status).toBe(200);
  });

  test('fifty failures from one address (counted exactly, even all at once) block it for every account', async () => {
    const attacker = client();
    const email = newEmail();
    await client().signup(email);
    // Concurrent failures: each is counted under a row lock, none is lost.
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => attacker.login(newEmail('stuffed'), 'wrong password!')),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(401));
    const blocked = await attacker.login(email);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(60);
    expect((await attacker.post('/login-code/verify', { email, code: '123456' })).status).toBe(429);
    expect((await client().login(email)).status).toBe(200);
  });

  test('login codes: five requests per account per window, then 429 (unknown emails alike)', async () => {
    const c = client();
    const email = newEmail();
    await c.signup(email);
    for (const target of [email, newEmail('nobody')]) {
      for (let i = 0; i < 5; i++) expect((await client().post('/login-code', { email: target })).status).toBe(202);
      const limited = await client().post('/login-code', { email: target });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(60);
    }
  });

  test('wrong codes count towards the account limit', async () => {
    const email = newEmail();
    const { user } = await client().signup(email);
    expect((await client().post('/login-code', { email })).status).toBe(202);
    await eventOn(loginCodeRequested, (d) => d.userId === user.id);
    for (let i = 0; i < 6; i++) {
      expect((await client().post('/login-code/verify', { email, code: '999999' })).status).not.toBe(429);
    }
    const limited = await client().post('/login-code/verify', { email, code: '999999' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

// --- Documents

test('serves its OpenAPI document, built from the same schemas', async () => {
  const res = await fetch(`${identity.baseUrl}/api/identity/openapi.json`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual(JSON.parse(JSON.stringify(identityOpenApiDocument())));
  expect((await fetch(`${identity.baseUrl}/api/identity/docs`)).status).toBe(200);
});

// --- Housekeeping

test('a periodic Dapr job deletes expired codes, sessions and rate-limit records, and nothing live', async () => {
  const job = await waitFor('the cleanup job to be scheduled', () => identity.sidecar.client.getJob(CLEANUP_JOB));
  expect(job).toMatchObject({ schedule: '@every 1h' });

  const c = client();
  const email = newEmail();
  const live = await c.signup(email);
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  try {
    const old = new Date(Date.now() - 3 * 24 * 60 * 60 * 1000);
    const ids = { session: randomUUID(), token: randomUUID(), code: randomUUID() };
    await pg.query(`INSERT INTO identity.sessions (id, user_id, created_at, expires_at) VALUES ($1, $2, $3, $3)`, [
      ids.session,
      live.user.id,
      old,
    ]);
    await pg.query(
      `INSERT INTO identity.refresh_tokens (id, session_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)`,
      [ids.token, ids.session, randomBytes(32).toString('hex'), old],
    );
    await pg.query(`INSERT INTO identity.login_codes (id, user_id, code_hash, expires_at) VALUES ($1, $2, 'x', $3)`, [
      ids.code,
      live.user.id,
      old,
    ]);
    await pg.query(
      `INSERT INTO identity.auth_throttles (key, window_started_at, window_count, updated_at)
       VALUES ('account:stale', $1, 3, $1)`,
      [old],
    );

    // Deliver a trigger the way the sidecar does.
    const res = await fetch(`${identity.baseUrl}/job/${CLEANUP_JOB}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);

    const count = async (sql: string, ...params: unknown[]) => Number((await pg.query(sql, params)).rows[0].n);
    expect(await count(`SELECT count(*) AS n FROM identity.sessions WHERE id = $1`, ids.session)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM identity.refresh_tokens WHERE id = $1`, ids.token)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM identity.login_codes WHERE id = $1`, ids.code)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM identity.auth_throttles WHERE key = 'account:stale'`)).toBe(0);
  } finally {
    await pg.end();
  }
  // The live session is untouched.
  expect((await c.post('/refresh', { refreshToken: live.refreshToken })).status).toBe(200);
});
