import { z } from 'zod';
import { ConfigError, baseEnvSchema, loadEnv } from './env';

const valid = {
  PORT: '3002',
  DAPR_HTTP_PORT: '3502',
  DATABASE_URL: 'postgresql://daybook@127.0.0.1:25432/daybook',
  AUTH_JWKS_URL: 'http://127.0.0.1:3001/.well-known/jwks.json',
};

test('valid environment is parsed with defaults applied', () => {
  const env = loadEnv(baseEnvSchema, valid);
  expect(env).toMatchObject({ PORT: 3002, DAPR_HTTP_PORT: 3502, LOG_LEVEL: 'info', SHUTDOWN_GRACE_MS: 10_000 });
});

test('every missing or invalid variable is named in one error', () => {
  const { DATABASE_URL: _d, ...rest } = valid;
  let error: unknown;
  try {
    loadEnv(baseEnvSchema, { ...rest, PORT: '70000', LOG_LEVEL: 'loud' });
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(ConfigError);
  const problems = (error as ConfigError).problems.join('\n');
  expect(problems).toContain('DATABASE_URL is required but not set');
  expect(problems).toMatch(/PORT: .*65535/);
  expect(problems).toMatch(/LOG_LEVEL: /);
});

test('a service extends the base schema with its own variables', () => {
  const schema = baseEnvSchema.extend({ SMTP_URL: z.string().url() });
  expect(() => loadEnv(schema, valid)).toThrow(/SMTP_URL is required/);
});
