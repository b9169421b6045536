import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The local secret store's file (Dapr `secretstores.local.file`): created once with fresh
 * keys. A file from before a secret existed gets that secret added; existing values are
 * kept. Never committed; Kubernetes uses a real store.
 */
export function ensureSecretsFile(file: string): string {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(generateSecrets(), null, 2), { mode: 0o600 });
    return file;
  }
  const existing = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const missing = Object.entries(generateSecrets()).filter(([name]) => !(name in existing));
  if (missing.length > 0) {
    writeFileSync(file, JSON.stringify({ ...existing, ...Object.fromEntries(missing) }, null, 2), { mode: 0o600 });
  }
  return file;
}

/** Every secret the services read from `daybook-secrets`, with fresh values. */
export function generateSecrets(): Record<string, string> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const kid = (purpose: string) => `local-${purpose}-${randomUUID().slice(0, 8)}`;
  return {
    // identity: ES256 keys for access tokens, newest first.
    'identity-jwt-signing-keys': JSON.stringify([{ kid: kid('jwt'), privateKeyPem: pem }]),
    // identity seals login codes for notifications: AES-256-GCM keys, newest first.
    'login-code-sealing-keys': JSON.stringify([{ kid: kid('login-code'), key: randomBytes(32).toString('base64url') }]),
    // notifications signs one-click unsubscribe links with it (HMAC-SHA256).
    'notifications-unsubscribe-key': randomBytes(32).toString('base64url'),
  };
}
