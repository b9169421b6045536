import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, get, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceTargets, startGateway, type Gateway } from './server';

// The gateway against a stub service: paths reach the service unchanged, a service that
// does not answer is a JSON 502, and every other GET gets the app.
let upstream: Server;
let gateway: Gateway;
let base: string;
const seen: string[] = [];

const listen = (s: Server) =>
  new Promise<number>((resolve) =>
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      resolve(typeof a === 'object' && a ? a.port : 0);
    }),
  );

beforeAll(async () => {
  upstream = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.setHeader('content-type', 'application/json');
    const answer = () =>
      res.end(JSON.stringify({ path: req.url, forwardedFor: req.headers['x-forwarded-for'] ?? null }));
    // A slow answer, to be in flight when the gateway stops.
    if (req.url?.endsWith('/slow')) setTimeout(answer, 300);
    else answer();
  });
  const upstreamPort = await listen(upstream);
  const dist = mkdtempSync(join(tmpdir(), 'daybook-web-test-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Daybook</title>');
  writeFileSync(join(dist, 'assets', 'app-123.js'), 'console.log(1)');
  const free = createServer();
  const port = await listen(free);
  await new Promise((r) => free.close(r));
  gateway = await startGateway({
    port,
    host: '127.0.0.1',
    dist,
    services: {
      tasks: `http://127.0.0.1:${upstreamPort}`,
      identity: `http://127.0.0.1:${upstreamPort}`,
      audit: 'http://127.0.0.1:1',
    },
  });
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await gateway?.stop(1000);
  await new Promise((r) => upstream?.close(r));
});

test('proxies /api/<service>/… with the path and query unchanged', async () => {
  const res = await fetch(`${base}/api/tasks/views/today?timeZone=Europe%2FLondon`);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ path: '/api/tasks/views/today?timeZone=Europe%2FLondon' });
  await fetch(`${base}/api/tasks`, {
    method: 'POST',
    body: '{"title":"x"}',
    headers: { 'content-type': 'application/json' },
  });
  expect(seen).toContain('POST /api/tasks');
});

test('the JWKS is at the origin’s /.well-known/jwks.json too (identity’s), not the app', async () => {
  const res = await fetch(`${base}/.well-known/jwks.json`);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ path: '/.well-known/jwks.json' });
});

test('a service that does not answer is a 502 naming it', async () => {
  const res = await fetch(`${base}/api/audit/me`);
  expect(res.status).toBe(502);
  expect(await res.json()).toEqual({
    error: expect.objectContaining({ code: 'bad_gateway', message: 'audit is not answering' }),
  });
});

test('unknown services are a JSON 404, not the app', async () => {
  const res = await fetch(`${base}/api/nope/x`);
  expect(res.status).toBe(404);
  expect(await res.json()).toEqual({ error: expect.objectContaining({ code: 'not_found' }) });
});

test('serves the app, with index.html for client routes, and health', async () => {
  expect(await (await fetch(`${base}/today`)).text()).toContain('<title>Daybook</title>');
  const asset = await fetch(`${base}/assets/app-123.js`);
  expect(asset.headers.get('cache-control')).toContain('immutable');
  expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
});

test('service ports come from dapr.yaml, overridable one by one', () => {
  const targets = serviceTargets('tasks=http://127.0.0.1:9999');
  expect(targets.identity).toBe('http://127.0.0.1:3001');
  expect(targets.tasks).toBe('http://127.0.0.1:9999');
  expect(() => serviceTargets('tasks')).toThrow(/WEB_SERVICES/);
});

// Last: it stops the gateway.
test('stopping answers the request in flight, closing its connection, and then takes no new one', async () => {
  const answer = new Promise<{ status?: number; connection?: string }>((resolve, reject) => {
    get(`${base}/api/tasks/slow`, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, connection: res.headers.connection }));
    }).on('error', reject);
  });
  while (!seen.includes('GET /api/tasks/slow')) await new Promise((resolve) => setTimeout(resolve, 10));
  const stopped = gateway.stop(5_000);
  expect(await answer).toEqual({ status: 200, connection: 'close' });
  await stopped;
  await expect(fetch(`${base}/healthz`)).rejects.toThrow();
}, 15_000);
