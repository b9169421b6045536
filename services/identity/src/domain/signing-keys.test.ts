import { createPublicKey, generateKeyPairSync, verify, sign } from 'node:crypto';
import { jwks, parseSigningKeys } from './signing-keys';

const pem = () =>
  generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

test('every configured key is published, without its private part', () => {
  const keys = parseSigningKeys(
    JSON.stringify([
      { kid: 'new', privateKeyPem: pem() },
      { kid: 'old', privateKeyPem: pem() },
    ]),
  );
  const set = jwks(keys);
  expect(set.keys.map((k) => k.kid)).toEqual(['new', 'old']);
  for (const key of set.keys) {
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(key).not.toHaveProperty('d');
  }
  // The published key verifies what the private key signs.
  const signature = sign('sha256', Buffer.from('hello'), keys[0]!.privateKey);
  const publicKey = createPublicKey({ key: set.keys[0]!, format: 'jwk' });
  expect(verify('sha256', Buffer.from('hello'), publicKey, signature)).toBe(true);
});

test('a malformed or non-EC key set is refused', () => {
  expect(() => parseSigningKeys('[]')).toThrow(/at least one signing key/);
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ format: 'pem', type: 'pkcs8' })
    .toString();
  expect(() => parseSigningKeys(JSON.stringify([{ kid: 'r', privateKeyPem: rsa }]))).toThrow(/EC P-256/);
});
