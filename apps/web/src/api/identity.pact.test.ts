// Consumer contract: every call the web app makes to identity, through the real client
// module (identity.ts over http.ts). Verified against the real service in
// tests/contracts/web-identity.int.test.ts.
// The v3 entry point only: the package root also loads the provider verifier (ESM-only deps).
import { MatchersV3, PactV3 } from '@pact-foundation/pact/src/v3';
import { ApiError, createHttp } from './http';
import { identityApi } from './identity';
import { CONSUMER, PACT_DIR, executeTest, pactFileLifecycle, errorLike, sessionLike } from './pact-fixtures';

const { fromProviderState, like } = MatchersV3;

const pact = new PactV3({ consumer: CONSUMER, provider: 'identity', dir: PACT_DIR, logLevel: 'warn' });
const client = (url: string) => identityApi(createHttp({ baseUrl: url, accessToken: () => null }));

const email = 'ada@example.com';
const password = 'correct horse battery';

pactFileLifecycle('identity');

describe('identity, as the web app uses it', () => {
  test('sign up', async () => {
    pact
      .given('no account exists for new.user@example.com')
      .uponReceiving('a sign-up')
      .withRequest({
        method: 'POST',
        path: '/api/identity/signup',
        headers: { 'content-type': 'application/json' },
        body: { email: 'new.user@example.com', password, timeZone: 'Europe/London', displayName: 'New User' },
      })
      .willRespondWith({ status: 201, body: sessionLike() });
    await executeTest(pact, async (mock) => {
      const s = await client(mock.url).signup({
        email: 'new.user@example.com',
        password,
        timeZone: 'Europe/London',
        displayName: 'New User',
      });
      expect(s.user.email).toBe('ada@example.com');
      expect(typeof s.accessToken).toBe('string');
    });
  });

  test('sign up with an email that is taken', async () => {
    pact
      .given('an account exists for ada@example.com')
      .uponReceiving('a sign-up with a taken email')
      .withRequest({
        method: 'POST',
        path: '/api/identity/signup',
        headers: { 'content-type': 'application/json' },
        body: { email, password, timeZone: 'Europe/London' },
      })
      .willRespondWith({ status: 409, body: errorLike() });
    await executeTest(pact, async (mock) => {
      const err = await client(mock.url)
        .signup({ email, password, timeZone: 'Europe/London' })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).status).toBe(409);
    });
  });

  test('sign in with a password', async () => {
    pact
      .given('an account exists for ada@example.com')
      .uponReceiving('a sign-in with the right password')
      .withRequest({
        method: 'POST',
        path: '/api/identity/login',
        headers: { 'content-type': 'application/json' },
        body: { email, password },
      })
      .willRespondWith({ status: 200, body: sessionLike() });
    await executeTest(pact, async (mock) => {
      const s = await client(mock.url).login(email, password);
      expect(s.user.timeZone).toBe('Europe/London');
    });
  });

  test('sign in with a wrong password shows the server message', async () => {
    pact
      .given('an account exists for ada@example.com')
      .uponReceiving('a sign-in with a wrong password')
      .withRequest({
        method: 'POST',
        path: '/api/identity/login',
        headers: { 'content-type': 'application/json' },
        body: { email, password: 'not the password' },
      })
      .willRespondWith({ status: 401, body: errorLike('invalid email or password') });
    await executeTest(pact, async (mock) => {
      await expect(client(mock.url).login(email, 'not the password')).rejects.toThrow('invalid email or password');
    });
  });

  test('silent refresh with the refresh cookie', async () => {
    pact
      .given('ada@example.com is signed in (refresh cookie)')
      .uponReceiving('a refresh')
      .withRequest({
        method: 'POST',
        path: '/api/identity/refresh',
        headers: { 'content-type': 'application/json' },
        body: {},
      })
      .willRespondWith({ status: 200, body: sessionLike() });
    await executeTest(pact, async (mock) => {
      const s = await client(mock.url).refresh();
      expect(s.accessToken).toBeTruthy();
    });
  });

  test('refresh without a session', async () => {
    pact
      .uponReceiving('a refresh without a refresh token')
      .withRequest({
        method: 'POST',
        path: '/api/identity/refresh',
        headers: { 'content-type': 'application/json' },
        body: {},
      })
      .willRespondWith({ status: 401, body: errorLike() });
    await executeTest(pact, async (mock) => {
      await expect(client(mock.url).refresh()).rejects.toMatchObject({ status: 401 });
    });
  });

  test('sign out', async () => {
    pact
      .given('ada@example.com is signed in (refresh cookie)')
      .uponReceiving('a sign-out')
      .withRequest({
        method: 'POST',
        path: '/api/identity/logout',
        headers: { 'content-type': 'application/json' },
        body: {},
      })
      .willRespondWith({ status: 204 });
    await executeTest(pact, async (mock) => {
      await expect(client(mock.url).logout()).resolves.toBeUndefined();
    });
  });

  test('ask for a login code', async () => {
    pact
      .given('an account exists for ada@example.com')
      .uponReceiving('a login code request')
      .withRequest({
        method: 'POST',
        path: '/api/identity/login-code',
        headers: { 'content-type': 'application/json' },
        body: { email },
      })
      .willRespondWith({ status: 202 });
    await executeTest(pact, async (mock) => {
      await expect(client(mock.url).requestLoginCode(email)).resolves.toBeUndefined();
    });
  });

  test('sign in with the code', async () => {
    pact
      .given('ada@example.com asked for a login code')
      .uponReceiving('a login code verification')
      .withRequest({
        method: 'POST',
        path: '/api/identity/login-code/verify',
        headers: { 'content-type': 'application/json' },
        body: { email, code: fromProviderState('${code}', '482913') },
      })
      .willRespondWith({ status: 200, body: sessionLike() });
    await executeTest(pact, async (mock) => {
      const s = await client(mock.url).verifyLoginCode(email, '482913');
      expect(s.user.email).toBe('ada@example.com');
    });
  });

  test('a wrong code is refused with the server message', async () => {
    pact
      .given('ada@example.com asked for a login code')
      .uponReceiving('a wrong login code')
      .withRequest({
        method: 'POST',
        path: '/api/identity/login-code/verify',
        headers: { 'content-type': 'application/json' },
        body: { email, code: '000000' },
      })
      .willRespondWith({ status: 401, body: { error: { code: like('unauthorized'), message: like('invalid code') } } });
    await executeTest(pact, async (mock) => {
      const err = (await client(mock.url)
        .verifyLoginCode(email, '000000')
        .catch((e: unknown) => e)) as ApiError;
      expect(err.status).toBe(401);
      expect(err.message).toBe('invalid code');
    });
  });
});
