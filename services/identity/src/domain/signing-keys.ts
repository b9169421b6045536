import { createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/**
 * Access-token signing keys, newest first. Tokens are signed with the first; the JWKS
 * publishes all of them, so tokens signed by a retired key stay valid until they expire
 * (rotation without logging anyone out).
 */
export const signingKeysSecret = z
  .array(z.object({ kid: z.string().min(1), privateKeyPem: z.string().includes('PRIVATE KEY') }))
  .min(1, 'at least one signing key is required');

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: JsonWebKey;
}

export function parseSigningKeys(json: string): SigningKey[] {
  return signingKeysSecret.parse(JSON.parse(json)).map(({ kid, privateKeyPem }) => {
    const privateKey = createPrivateKey(privateKeyPem);
    if (privateKey.asymmetricKeyType !== 'ec') throw new Error(`signing key ${kid} must be an EC P-256 key`);
    const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' });
    return { kid, privateKey, publicJwk: { ...publicJwk, kid, alg: 'ES256', use: 'sig' } };
  });
}

export const jwks = (keys: SigningKey[]) => ({ keys: keys.map((k) => k.publicJwk) });
