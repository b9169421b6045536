import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { InvalidEventError, badRequest, errorHandler, notFound, validate, zodProblems } from './errors';
import { createHttpApp } from './http';
import { createLogger } from './logger';
import { createMetrics } from './metrics';

test('validation problems name the field, one per unknown key', () => {
  const schema = z.object({ title: z.string().min(1), tags: z.array(z.string()) }).strict();
  const result = schema.safeParse({ title: '', tags: [1], colour: 'red', size: 2 });
  expect(result.success).toBe(false);
  const fields = zodProblems(result.error!, 'body')
    .map((p) => p.field)
    .sort();
  expect(fields).toEqual(['body.colour', 'body.size', 'body.tags.0', 'body.title']);
});

test('the error handler maps known errors to their status and hides internals', async () => {
  const app = express();
  app.use(express.json({ limit: '1kb' }));
  app.post('/validate', (req) => void validate(z.object({ n: z.number() }).strict(), req.body, 'body'));
  app.get('/missing', () => {
    throw notFound('task');
  });
  app.get('/boom', () => {
    throw new Error('SELECT * FROM secret_table failed');
  });
  app.use(errorHandler(createLogger('test', 'silent')));
  const server = createServer(app).listen(0);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const post = (body: string) =>
      fetch(`${base}/validate`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    const invalid = await post('{"n":"x"}');
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { message: string } }).error.message).toContain('body.n');
    const malformed = await post('{oops');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { details: unknown } }).error.details).toEqual({
      problems: [{ field: 'body', message: 'request body is not valid JSON' }],
    });
    const tooBig = await post(JSON.stringify({ n: 1, pad: 'x'.repeat(2000) }));
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: { message: string } }).error.message).toMatch(/exceeds/);
    const missing = await fetch(`${base}/missing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'task not found' } });
    const boom = await fetch(`${base}/boom`);
    expect(boom.status).toBe(500);
    expect(await boom.text()).not.toContain('secret_table');
  } finally {
    server.close();
  }
});

/** An app on the kit's HTTP stack (createHttpApp) with the given routes, its error log spied on. */
async function kitApp(routes: (app: express.Express) => void, formPaths: string[] = []) {
  const log = createLogger('test', 'silent');
  const logged = jest.spyOn(log, 'error');
  const app = createHttpApp({ log, metrics: createMetrics('test'), formPaths });
  routes(app);
  app.use(errorHandler(log));
  const server = createServer(app).listen(0);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, logged, close: () => server.close() };
}

test('only request validation is a 400: a ZodError from the service’s own data is a bare 500', async () => {
  const app = await kitApp((a) => {
    a.get('/own-data', () => void z.object({ dueAt: z.string() }).parse({ dueAt: 7 }));
    a.get('/checked', () => {
      throw badRequest('query.cursor', 'is not a cursor returned by a previous page');
    });
  });
  try {
    const own = await fetch(`${app.base}/own-data`);
    expect(own.status).toBe(500);
    expect(await own.json()).toEqual({ error: { code: 'internal', message: 'internal error' } });
    const checked = await fetch(`${app.base}/checked`);
    expect(checked.status).toBe(400);
    expect(((await checked.json()) as { error: { details: unknown } }).error.details).toEqual({
      problems: [{ field: 'query.cursor', message: 'is not a cursor returned by a previous page' }],
    });
  } finally {
    app.close();
  }
});

test('an outgoing event that breaks its contract is a bare 500, logged with its type and fields', async () => {
  const problems = [{ field: 'data.task.title', message: 'Too small' }];
  const app = await kitApp((a) =>
    a.post('/tasks', () => {
      throw new InvalidEventError('daybook.task.created.v1', problems);
    }),
  );
  try {
    const res = await fetch(`${app.base}/tasks`, { method: 'POST' });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: 'internal', message: 'internal error' } });
    expect(app.logged).toHaveBeenCalledWith(
      expect.objectContaining({ eventType: 'daybook.task.created.v1', problems }),
      'outgoing event breaks its contract',
    );
  } finally {
    app.close();
  }
});

test('a body that is not JSON is a 415 naming its type; JSON, CloudEvents and empty bodies pass', async () => {
  const app = await kitApp((a) => a.post('/echo', (req, res) => void res.json({ body: req.body ?? null })));
  try {
    const post = (body: string | undefined, type?: string) =>
      fetch(`${app.base}/echo`, { method: 'POST', body, headers: type ? { 'content-type': type } : {} });
    const plain = await post('{"refreshToken":"x"}', 'text/plain');
    expect(plain.status).toBe(415);
    expect(await plain.json()).toEqual({
      error: {
        code: 'unsupported_media_type',
        message: 'request body must be application/json; got "text/plain"',
      },
    });
    const form = await post('refreshToken=x', 'application/x-www-form-urlencoded');
    expect(form.status).toBe(415);
    expect(((await form.json()) as { error: { message: string } }).error.message).toContain(
      'application/x-www-form-urlencoded',
    );
    // fetch types a string body text/plain unless told otherwise, so send raw bytes.
    const untyped = await fetch(`${app.base}/echo`, { method: 'POST', body: new Uint8Array([123, 125]) });
    expect(untyped.status).toBe(415);
    expect(await (await post('{"a":1}', 'application/json; charset=utf-8')).json()).toEqual({ body: { a: 1 } });
    expect((await post('{"id":"e"}', 'application/cloudevents+json')).status).toBe(200);
    expect((await post(undefined)).status).toBe(200);
    expect((await post('', 'text/plain')).status).toBe(200);
  } finally {
    app.close();
  }
});

test('a form body reaches only a path declared to take one (RFC 8058 one-click unsubscribe)', async () => {
  const app = await kitApp(
    (a) => {
      a.post('/unsubscribe', express.urlencoded({ extended: false }), (req, res) => void res.json({ body: req.body }));
      a.post('/other', (req, res) => void res.json({ body: req.body ?? null }));
    },
    ['/unsubscribe'],
  );
  try {
    const form = (path: string) =>
      fetch(`${app.base}${path}`, {
        method: 'POST',
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const allowed = await form('/unsubscribe');
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toEqual({ body: { 'List-Unsubscribe': 'One-Click' } });
    expect((await form('/other')).status).toBe(415);
    const plain = await fetch(`${app.base}/unsubscribe`, {
      method: 'POST',
      body: 'x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(plain.status).toBe(415);
  } finally {
    app.close();
  }
});
