import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The local secret store's file (Dapr `secretstores.local.file`): created once with a fresh
 * ES256 key for identity's access tokens. Never committed; Kubernetes uses a real store.
 */
export function ensureSecretsFile(file: string): string {
  if (existsSync(file)) return file;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(generateSecrets(), null, 2), { mode: 0o600 });
  return file;
}

export function generateSecrets(): Record<string, string> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return {
    'identity-jwt-signing-keys': JSON.stringify([{ kid: `local-${randomUUID().slice(0, 8)}`, privateKeyPem: pem }]),
  };
}
