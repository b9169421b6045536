import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { errorHandler, notFound, validate, zodProblems } from './errors';
import { createLogger } from './logger';

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
    expect((await post('{oops')).status).toBe(400);
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
