import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSecretsFile, generateSecrets } from './secrets';

test('a new secrets file holds every secret the services read, readable by its owner only', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'daybook-secrets-')), 'secrets.json');
  ensureSecretsFile(file);
  expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')))).toEqual(Object.keys(generateSecrets()));
  expect(statSync(file).mode & 0o777).toBe(0o600);
});

test('an older secrets file gets the secrets it lacks and keeps the ones it has', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'daybook-secrets-')), 'secrets.json');
  writeFileSync(file, JSON.stringify({ 'identity-jwt-signing-keys': 'kept' }));
  ensureSecretsFile(file);
  const secrets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  expect(secrets['identity-jwt-signing-keys']).toBe('kept');
  expect(JSON.parse(secrets['login-code-sealing-keys']!)).toEqual([
    { kid: expect.any(String), key: expect.any(String) },
  ]);
});
