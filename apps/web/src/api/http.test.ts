import { ApiError, createHttp, toQueryString } from './http';

const json = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

function fakeFetch(...answers: Response[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fn = jest.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const next = answers.shift();
    if (!next) throw new Error('unexpected request');
    return next;
  });
  return { fetch: fn as unknown as typeof fetch, calls };
}

test('attaches the access token and sends JSON', async () => {
  const f = fakeFetch(json(201, { id: 't1' }));
  const http = createHttp({ accessToken: () => 'tok', fetch: f.fetch });
  await expect(http.request('POST', '/api/tasks', { body: { title: 'x' } })).resolves.toEqual({ id: 't1' });
  const headers = f.calls[0]!.init.headers as Record<string, string>;
  expect(headers.authorization).toBe('Bearer tok');
  expect(headers['content-type']).toBe('application/json');
  expect(f.calls[0]!.init.body).toBe('{"title":"x"}');
});

test('on 401 it refreshes once and retries with the new token', async () => {
  let token = 'old';
  const f = fakeFetch(
    json(401, { error: { code: 'unauthorized', message: 'token expired' } }),
    json(200, { ok: true }),
  );
  const refresh = jest.fn(async () => {
    token = 'new';
    return true;
  });
  const http = createHttp({ accessToken: () => token, refresh, fetch: f.fetch });
  await expect(http.request('GET', '/api/tasks')).resolves.toEqual({ ok: true });
  expect(refresh).toHaveBeenCalledTimes(1);
  expect((f.calls[1]!.init.headers as Record<string, string>).authorization).toBe('Bearer new');
});

test('concurrent 401s share one refresh', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const refresh = jest.fn(async () => {
    await gate;
    return true;
  });
  const f = fakeFetch(json(401, {}), json(401, {}), json(200, { a: 1 }), json(200, { b: 2 }));
  const http = createHttp({ accessToken: () => 't', refresh, fetch: f.fetch });
  const both = Promise.all([http.request('GET', '/a'), http.request('GET', '/b')]);
  await new Promise((r) => setImmediate(r));
  release();
  await both;
  expect(refresh).toHaveBeenCalledTimes(1);
});

test('a failed refresh surfaces the 401; a second 401 is not retried again', async () => {
  const f = fakeFetch(json(401, { error: { code: 'unauthorized', message: 'sign in again' } }));
  const http = createHttp({ accessToken: () => 't', refresh: async () => false, fetch: f.fetch });
  await expect(http.request('GET', '/x')).rejects.toMatchObject({ status: 401, message: 'sign in again' });

  const g = fakeFetch(json(401, {}), json(401, { error: { code: 'unauthorized', message: 'still no' } }));
  const refresh = jest.fn(async () => true);
  const again = createHttp({ accessToken: () => 't', refresh, fetch: g.fetch });
  await expect(again.request('GET', '/x')).rejects.toMatchObject({ status: 401, message: 'still no' });
  expect(g.calls).toHaveLength(2);
});

test("errors carry the server's message, code and details", async () => {
  const current = { id: 't1', version: 4 };
  const f = fakeFetch(json(409, { error: { code: 'conflict', message: 'the task changed', details: { current } } }));
  const http = createHttp({ accessToken: () => 't', fetch: f.fetch });
  const err = (await http.request('PATCH', '/api/tasks/t1', { body: {} }).catch((e: unknown) => e)) as ApiError;
  expect(err).toBeInstanceOf(ApiError);
  expect(err).toMatchObject({ status: 409, code: 'conflict', message: 'the task changed' });
  expect(err.details.current).toEqual(current);
});

test('requests marked auth: false carry no token and never refresh', async () => {
  const refresh = jest.fn(async () => true);
  const f = fakeFetch(json(401, { error: { code: 'unauthorized', message: 'invalid email or password' } }));
  const http = createHttp({ accessToken: () => 't', refresh, fetch: f.fetch });
  await expect(http.request('POST', '/api/identity/login', { body: {}, auth: false })).rejects.toThrow(
    'invalid email or password',
  );
  expect(refresh).not.toHaveBeenCalled();
  expect((f.calls[0]!.init.headers as Record<string, string>).authorization).toBeUndefined();
});

test('query strings join lists and skip empty values', () => {
  expect(
    toQueryString({ status: 'open', priority: ['high', 'urgent'], tagIds: [], q: '', overdue: true, x: undefined }),
  ).toBe('?status=open&priority=high%2Curgent&overdue=true');
});
