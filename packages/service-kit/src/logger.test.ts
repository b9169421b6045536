import { Writable } from 'node:stream';
import { loginCodeRequested } from '@daybook/contracts';
import { createLogger } from './logger';

/** A logger whose lines the test reads back as objects. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger('test', 'info', stream), lines };
}

test('secrets are redacted by path, wherever a request or event puts them', () => {
  const { log, lines } = capture();
  log.info(
    {
      body: { email: 'ada@example.com', code: '306404' },
      req: { headers: { authorization: 'Bearer eyJhbGciOi', cookie: 'daybook_refresh=abc' } },
      input: { password: 'correct horse battery', refreshToken: 'r3fresh' },
      data: loginCodeRequested.example,
    },
    'request',
  );
  const [line] = lines;
  expect(line).toMatchObject({
    body: { email: 'ada@example.com', code: '[redacted]' },
    req: { headers: { authorization: '[redacted]', cookie: '[redacted]' } },
    input: { password: '[redacted]', refreshToken: '[redacted]' },
    data: { userId: loginCodeRequested.example.userId, sealedCode: '[redacted]' },
  });
  const text = JSON.stringify(line);
  for (const secret of [
    '306404',
    'eyJhbGciOi',
    'correct horse',
    'r3fresh',
    loginCodeRequested.example.sealedCode.tag,
  ]) {
    expect(text).not.toContain(secret);
  }
});

test('error codes stay visible: they name what went wrong, and are no secret', () => {
  const { log, lines } = capture();
  const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  log.warn({ err, error: { code: 'rate_limited', message: 'too many attempts' }, code: 'P2034' }, 'failed');
  expect(lines[0]).toMatchObject({
    err: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' },
    error: { code: 'rate_limited' },
    code: 'P2034',
  });
});
