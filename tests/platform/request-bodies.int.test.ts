import { randomBytes, randomUUID } from 'node:crypto';
import { startStack, type ServiceUnderTest, type Stack } from '@daybook/testing';

// Every endpoint reads JSON. A body in another media type used to reach the route as no
// body at all: a logout whose token came as text/plain or a form answered 204 and revoked
// nothing. The real identity and tasks services, beside their sidecars, now refuse it.
let stack: Stack;
let identity: ServiceUnderTest;
let tasks: ServiceUnderTest;

beforeAll(async () => {
  stack = await startStack({ name: 'bodies', services: ['identity', 'tasks'] });
  ({ identity, tasks } = stack.services as { identity: ServiceUnderTest; tasks: ServiceUnderTest });
});

afterAll(async () => {
  await stack?.stop();
});

interface Session {
  refreshToken: string;
}
interface ErrorBody {
  error: { code: string; message: string };
}

/** A POST to identity with a body exactly as given, from an address of its own (per-IP limits). */
const ip = `203.0.113.${randomBytes(1)[0]! % 250}`;
async function post<T>(path: string, body: string, headers: Record<string, string>) {
  const res = await fetch(`${identity.baseUrl}/api/identity${path}`, {
    method: 'POST',
    body,
    headers: { 'x-forwarded-for': ip, ...headers },
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}
const json = { 'content-type': 'application/json' };

async function signup(): Promise<Session> {
  const email = `bodies-${randomBytes(4).toString('hex')}@example.com`;
  const res = await post<Session>(
    '/signup',
    JSON.stringify({ email, password: 'correct horse battery', timeZone: 'Europe/London' }),
    json,
  );
  expect(res.status).toBe(201);
  return res.body;
}

test('a logout whose token is not sent as JSON is a 415 and revokes nothing; as JSON it revokes', async () => {
  const session = await signup();
  const { refreshToken } = session;

  const plain = await post<ErrorBody>('/logout', JSON.stringify({ refreshToken }), { 'content-type': 'text/plain' });
  expect(plain).toEqual({
    status: 415,
    body: {
      error: {
        code: 'unsupported_media_type',
        message: 'request body must be application/json; got "text/plain"',
      },
    },
  });
  const form = await post<ErrorBody>('/logout', new URLSearchParams({ refreshToken }).toString(), {
    'content-type': 'application/x-www-form-urlencoded',
  });
  expect(form.status).toBe(415);
  expect(form.body.error.message).toContain('application/x-www-form-urlencoded');

  // The client was told it failed, and the session is as it was: it still refreshes.
  const refreshed = await post<Session>('/refresh', JSON.stringify({ refreshToken }), json);
  expect(refreshed.status).toBe(200);

  const logout = await post('/logout', JSON.stringify({ refreshToken: refreshed.body.refreshToken }), json);
  expect(logout.status).toBe(204);
  expect((await post('/refresh', JSON.stringify({ refreshToken: refreshed.body.refreshToken }), json)).status).toBe(
    401,
  );
});

test('the web app’s logout (an empty JSON object and the cookie) still revokes the session', async () => {
  const { refreshToken } = await signup();
  const cookie = `daybook_refresh=${refreshToken}`;
  expect((await post('/logout', '{}', { ...json, cookie })).status).toBe(204);
  expect((await post('/refresh', '{}', { ...json, cookie })).status).toBe(401);
});

test('every JSON endpoint refuses another body with 415, before doing anything', async () => {
  const token = stack.token(randomUUID());
  const create = (body: string, type?: string) =>
    fetch(`${tasks.baseUrl}/api/tasks`, {
      method: 'POST',
      // A Uint8Array body is sent without a Content-Type unless one is given.
      body: new TextEncoder().encode(body),
      headers: { authorization: `Bearer ${token}`, ...(type ? { 'content-type': type } : {}) },
    });
  const form = await create('title=Water+the+plants', 'application/x-www-form-urlencoded');
  expect(form.status).toBe(415);
  const untyped = await create(JSON.stringify({ title: 'Water the plants' }));
  expect(untyped.status).toBe(415);
  expect(((await untyped.json()) as ErrorBody).error.message).toContain('no Content-Type');
  const list = await fetch(`${tasks.baseUrl}/api/tasks`, { headers: { authorization: `Bearer ${token}` } });
  expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);
  expect((await create(JSON.stringify({ title: 'Water the plants' }), 'application/json')).status).toBe(201);
});
