// API smoke through the local cluster's entry point (the web gateway's NodePort): sign up,
// sign in, create a task, read it back, find it in the list. Exit 1 on the first failure.
//
//   node --import tsx scripts/cluster/smoke.ts http://<node-ip>:30080
import { randomUUID } from 'node:crypto';

type Json = Record<string, unknown>;

async function call(base: string, method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: Json = {};
  try {
    json = text ? (JSON.parse(text) as Json) : {};
  } catch {
    json = { text: text.slice(0, 200) };
  }
  return { status: res.status, json };
}

function expectStatus(step: string, got: { status: number; json: Json }, want: number): void {
  if (got.status !== want)
    throw new Error(`${step}: HTTP ${got.status}, expected ${want}: ${JSON.stringify(got.json)}`);
  console.log(`[smoke] ${step}: ${got.status}`);
}

async function main(base: string): Promise<void> {
  const t0 = Date.now();
  const email = `smoke-${randomUUID()}@example.com`;
  const password = `pw-${randomUUID()}`;
  expectStatus('GET / (the app)', await call(base, 'GET', '/'), 200);
  const signup = await call(base, 'POST', '/api/identity/signup', { email, password, timeZone: 'Europe/Berlin' });
  expectStatus('sign up', signup, 201);
  const login = await call(base, 'POST', '/api/identity/login', { email, password });
  expectStatus('sign in', login, 200);
  const token = login.json.accessToken as string;
  const title = `Smoke task ${randomUUID().slice(0, 8)}`;
  const created = await call(base, 'POST', '/api/tasks', { title }, token);
  expectStatus('create a task', created, 201);
  const id = created.json.id as string;
  const read = await call(base, 'GET', `/api/tasks/${id}`, undefined, token);
  expectStatus('read it back', read, 200);
  if (read.json.title !== title) throw new Error(`read back title ${String(read.json.title)}, expected ${title}`);
  const list = await call(base, 'GET', '/api/tasks', undefined, token);
  expectStatus('list tasks', list, 200);
  if (!JSON.stringify(list.json).includes(id)) throw new Error(`task ${id} not in the list`);
  const anonymous = await call(base, 'GET', `/api/tasks/${id}`);
  expectStatus('read without a token', anonymous, 401);
  console.log(`[smoke] PASS in ${Date.now() - t0} ms (${base})`);
}

const base = process.argv[2];
if (!base) {
  console.error('usage: node --import tsx scripts/cluster/smoke.ts http://<node-ip>:30080');
  process.exit(2);
}
main(base.replace(/\/$/, '')).catch((err: unknown) => {
  console.error(`[smoke] FAIL: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
