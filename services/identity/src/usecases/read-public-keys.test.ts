import { testSigningKeys } from '../testing';
import { readPublicKeys } from './read-public-keys';

test('every signing key, newest first, public halves only', async () => {
  const signingKeys = testSigningKeys(['newest', 'retired']);
  const { keys } = await readPublicKeys({ signingKeys })();
  expect(keys.map((k) => k.kid)).toEqual(['newest', 'retired']);
  for (const key of keys) {
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(key).not.toHaveProperty('d');
  }
});
