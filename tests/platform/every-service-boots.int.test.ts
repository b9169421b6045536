import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, isPortOpen, loadTopology, secretAccess } from '@daybook/substrate';
import {
  createTestDatabase,
  startJwksServer,
  startServiceUnderTest,
  testContext,
  testSecretsFile,
  type ServiceUnderTest,
  type TestDatabase,
} from '@daybook/testing';

const SERVICES = loadTopology().map((a) => a.appID);

let db: TestDatabase;
let jwks: Awaited<ReturnType<typeof startJwksServer>>;
let secretNames: string[];
const running = new Map<string, ServiceUnderTest>();

beforeAll(async () => {
  db = await createTestDatabase(SERVICES);
  const { file, secrets } = testSecretsFile(`/tmp/daybook-test-secrets-${randomUUID()}`);
  secretNames = Object.keys(secrets);
  jwks = await startJwksServer(secrets);
  const ctx = testContext({
    databaseUrl: db.url,
    secretsFile: file,
    jwksUrl: jwks.url,
    appIds: SERVICES,
    name: 'boot',
  });
  const started = await Promise.all(SERVICES.map((name) => startServiceUnderTest(ctx, name)));
  for (const s of started) running.set(s.name, s);
});

afterAll(async () => {
  await Promise.all([...running.values()].map((s) => s.stop().catch(() => {})));
  await jwks?.close();
  await db?.drop();
});

test('all eight services are declared in dapr.yaml', () => {
  expect(SERVICES.sort()).toEqual(
    ['audit', 'identity', 'journal', 'notifications', 'realtime', 'recurring', 'reminders', 'tasks'].sort(),
  );
});

test.each(SERVICES)('%s reports ready beside its sidecar, with health and metrics', async (name) => {
  const service = running.get(name)!;
  const ready = await fetch(`${service.baseUrl}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({
    status: 'ready',
    service: name,
    checks: expect.objectContaining({ sidecar: 'ok', database: 'ok' }),
  });
  expect((await fetch(`${service.baseUrl}/healthz`)).status).toBe(200);
  const metrics = await (await fetch(`${service.baseUrl}/metrics`)).text();
  expect(metrics).toContain(`daybook_outbox_pending{service="${name}"}`);
  expect(metrics).toContain('http_request_duration_seconds_bucket');
  // Unknown routes are a clear 404, not a crash (under /api, auth is checked first).
  const missing = await fetch(`${service.baseUrl}/no-such-thing`);
  expect(missing.status).toBe(404);
  expect(await missing.json()).toEqual({ error: expect.objectContaining({ code: 'not_found' }) });
});

test('identity publishes the public signing key as a JWKS', async () => {
  const res = await fetch(`${running.get('identity')!.baseUrl}/.well-known/jwks.json`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { keys: Record<string, unknown>[] };
  expect(body.keys).toHaveLength(1);
  expect(body.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
  expect(body.keys[0]).not.toHaveProperty('d'); // never the private part
});

test.each(['identity', 'notifications', 'journal'])(
  "%s's sidecar reads its own secrets and is refused every other (dapr/secret-access.yaml)",
  async (name) => {
    const { ports } = running.get(name)!.sidecar;
    const allowed = new Set(secretAccess()[name]);
    const answers = await Promise.all(
      secretNames.map(async (secret) => {
        const res = await fetch(`http://127.0.0.1:${ports.http}/v1.0/secrets/daybook-secrets/${secret}`);
        return [secret, res.status] as const;
      }),
    );
    expect(Object.fromEntries(answers)).toEqual(
      Object.fromEntries(secretNames.map((secret) => [secret, allowed.has(secret) ? 200 : 403])),
    );
  },
);

test.each(SERVICES)('%s shuts down cleanly on SIGTERM and frees its port', async (name) => {
  const service = running.get(name)!;
  await service.sidecar.stop();
  process.kill(service.process.pid, 'SIGTERM');
  expect(await service.process.exited).toBe(0);
  running.delete(name);
  expect(await isPortOpen(service.appPort)).toBe(false);
  const log = readFileSync(service.process.logFile, 'utf8');
  expect(log).toContain('"msg":"stopped"');
});

describe('boot with bad configuration', () => {
  const boot = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: join(REPO_ROOT, 'services', 'tasks'),
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
  const valid = {
    PORT: '3999',
    DAPR_HTTP_PORT: '3998',
    DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none',
    AUTH_JWKS_URL: 'http://127.0.0.1:1/jwks.json',
  };

  test('a missing variable stops boot with a message naming it', () => {
    const { DATABASE_URL: _omitted, ...env } = valid;
    const result = boot(env);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL is required but not set');
  });

  test('an invalid value stops boot naming the variable and the problem', () => {
    const result = boot({ ...valid, PORT: 'eighty', AUTH_JWKS_URL: 'not a url' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/PORT: .*number/);
    expect(result.stderr).toContain('AUTH_JWKS_URL');
  });
});
