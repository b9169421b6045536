import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { loginCodeRequested, type EventData } from '@daybook/contracts';
import {
  createTestDatabase,
  kafkaTap,
  startJwksServer,
  startServiceUnderTest,
  testContext,
  testSecretsFile,
  unsealLoginCode,
  type KafkaTap,
  type ServiceUnderTest,
  type TestDatabase,
} from '@daybook/testing';
import { PACT_DIR, call, verifyProvider } from './pact-provider';

// The web app's contract with identity (apps/web/pacts/daybook-web-identity.json),
// verified against the real identity service beside its sidecar. Provider states are set
// up through identity's API; the login code is opened from the event identity publishes,
// with the test key, as notifications would.
let db: TestDatabase;
let jwks: Awaited<ReturnType<typeof startJwksServer>>;
let identity: ServiceUnderTest;
let tap: KafkaTap;
let secrets: Record<string, string>;

const email = 'ada@example.com';
const password = 'correct horse battery';

beforeAll(async () => {
  db = await createTestDatabase(['identity']);
  const s = testSecretsFile(`/tmp/daybook-test-secrets-${randomUUID()}`);
  secrets = s.secrets;
  jwks = await startJwksServer(s.secrets);
  const ctx = testContext({
    databaseUrl: db.url,
    secretsFile: s.file,
    jwksUrl: jwks.url,
    appIds: ['identity'],
    name: 'pact-identity',
  });
  identity = await startServiceUnderTest(ctx, 'identity');
  tap = await kafkaTap([loginCodeRequested.topic]);
});

afterAll(async () => {
  await tap?.stop();
  await identity?.stop();
  await jwks?.close();
  await db?.drop();
});

const url = (path: string) => `${identity.baseUrl}/api/identity${path}`;

async function ensureAccount(): Promise<void> {
  await call(url('/signup'), { body: { email, password, timeZone: 'Europe/London', displayName: 'Ada' } }, [201, 409]);
}

test('identity honours the web app contract', async () => {
  // The refresh cookie a browser would hold, for the next request only.
  let cookie: string | undefined;
  await verifyProvider({
    provider: 'identity',
    providerBaseUrl: identity.baseUrl,
    pactFile: join(PACT_DIR, 'daybook-web-identity.json'),
    requestFilter: (req) => {
      if (cookie) req.headers.cookie = `daybook_refresh=${cookie}`;
      cookie = undefined;
    },
    states: {
      'no account exists for new.user@example.com': async () => {},
      'an account exists for ada@example.com': ensureAccount,
      'ada@example.com is signed in (refresh cookie)': async () => {
        await ensureAccount();
        const { body } = await call<{ refreshToken: string }>(url('/login'), { body: { email, password } });
        cookie = body.refreshToken;
      },
      'ada@example.com asked for a login code': async () => {
        await ensureAccount();
        const since = tap.messages.length;
        await call(url('/login-code'), { body: { email } });
        const message = await tap.waitFor(
          'the login code event',
          (m) =>
            tap.messages.indexOf(m) >= since &&
            m.json?.type === loginCodeRequested.type &&
            (m.json.data as { email?: string }).email === email,
        );
        return { code: unsealLoginCode(secrets, message.json!.data as EventData<typeof loginCodeRequested>) };
      },
    },
  });
});
