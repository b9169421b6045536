import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { sealedValue, type SealedValue } from '@daybook/contracts';
import type { ServiceKit } from './service';

// Sealing a secret that travels in an event (contracts `sealedValue`) for the one service
// holding the key: AES-256-GCM from node:crypto, a fresh 96-bit nonce per value, and a
// context string as additional authenticated data, so a value opens only where it belongs.

const ALG = 'A256GCM';
const KEY_BYTES = 32;
const IV_BYTES = 12;

/**
 * The secret's value: keys newest first. Values are sealed with the first; any listed key
 * opens the values it sealed, so a rotation keeps events in flight readable.
 */
export const sealingKeysSecret = z
  .array(
    z.object({
      kid: z.string().min(1),
      /** 32 random bytes, base64url. */
      key: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be base64url without padding'),
    }),
  )
  .min(1, 'at least one sealing key is required');

export interface SealingKey {
  kid: string;
  key: KeyObject;
}

export function parseSealingKeys(json: string): SealingKey[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    // JSON.parse quotes the text it failed on: that text is key material, kept out of errors.
    throw new Error('sealing keys secret is not valid JSON');
  }
  return sealingKeysSecret.parse(parsed).map(({ kid, key }) => {
    const bytes = Buffer.from(key, 'base64url');
    if (bytes.length !== KEY_BYTES) throw new Error(`sealing key ${kid} must be ${KEY_BYTES} bytes`);
    return { kid, key: createSecretKey(bytes) };
  });
}

/** A new key for the secret's list (local secrets files, tests, rotation). */
export function newSealingKey(kid: string): z.infer<typeof sealingKeysSecret>[number] {
  return { kid, key: randomBytes(KEY_BYTES).toString('base64url') };
}

/** Seals `plaintext` with the newest key, bound to `context` (e.g. the owner's id). */
export function seal(keys: readonly SealingKey[], plaintext: string, context: string): SealedValue {
  const newest = keys[0];
  if (!newest) throw new Error('no sealing key');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', newest.key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    alg: ALG,
    kid: newest.kid,
    iv: iv.toString('base64url'),
    ciphertext: ciphertext.toString('base64url'),
    tag: cipher.getAuthTag().toString('base64url'),
  };
}

/** Opens a sealed value; throws if its key is unknown, or it was altered or sealed for another context. */
export function unseal(keys: readonly SealingKey[], sealed: SealedValue, context: string): string {
  const value = sealedValue.parse(sealed);
  const key = keys.find((k) => k.kid === value.kid);
  if (!key) throw new Error(`no sealing key "${value.kid}"`);
  const iv = Buffer.from(value.iv, 'base64url');
  const tag = Buffer.from(value.tag, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== 16) throw new Error('malformed sealed value');
  const decipher = createDecipheriv('aes-256-gcm', key.key, iv, { authTagLength: 16 });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(Buffer.from(value.ciphertext, 'base64url')), decipher.final()]).toString(
    'utf8',
  );
}

const stores = new WeakMap<ServiceKit, Map<string, SealingKeyStore>>();

/**
 * The sealing keys in one secret of the Dapr secret store, loaded through the sidecar once
 * per service (retried on the next call if loading failed).
 */
export function sealingKeyStore(kit: ServiceKit, secret: string): SealingKeyStore {
  const byName = stores.get(kit) ?? new Map<string, SealingKeyStore>();
  stores.set(kit, byName);
  let store = byName.get(secret);
  if (!store) {
    store = createStore(kit, secret);
    byName.set(secret, store);
  }
  return store;
}

export interface SealingKeyStore {
  keys(): Promise<SealingKey[]>;
}

function createStore(kit: ServiceKit, secret: string): SealingKeyStore {
  let loading: Promise<SealingKey[]> | undefined;
  return {
    keys() {
      loading ??= kit.sidecar
        .getSecret(kit.components.secrets, secret)
        .then((values) => {
          const value = values[secret];
          if (!value) throw new Error(`secret ${secret} is empty`);
          return parseSealingKeys(value);
        })
        .catch((err: unknown) => {
          loading = undefined;
          throw err;
        });
      return loading;
    },
  };
}
