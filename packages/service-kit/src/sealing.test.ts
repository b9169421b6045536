import { newSealingKey, parseSealingKeys, seal, unseal } from './sealing';

const keysOf = (...kids: string[]) => parseSealingKeys(JSON.stringify(kids.map(newSealingKey)));

test('a sealed value opens with the same keys and context, and carries nothing in clear', () => {
  const keys = keysOf('k2', 'k1');
  const sealed = seal(keys, '306404', 'user-1');
  expect(sealed).toMatchObject({ alg: 'A256GCM', kid: 'k2' });
  expect(JSON.stringify(sealed)).not.toContain('306404');
  expect(unseal(keys, sealed, 'user-1')).toBe('306404');
  // A fresh nonce each time: the same code never seals to the same bytes.
  expect(seal(keys, '306404', 'user-1').ciphertext).not.toBe(seal(keys, '306404', 'user-1').ciphertext);
});

test('after a rotation, values sealed with the retired key still open', () => {
  const [retired] = JSON.parse(JSON.stringify([newSealingKey('old')])) as { kid: string; key: string }[];
  const before = parseSealingKeys(JSON.stringify([retired]));
  const after = parseSealingKeys(JSON.stringify([newSealingKey('new'), retired]));
  const sealed = seal(before, '111222', 'user-1');
  expect(unseal(after, sealed, 'user-1')).toBe('111222');
  expect(seal(after, '111222', 'user-1').kid).toBe('new');
});

test('another context, an altered byte or an unknown key does not open it', () => {
  const keys = keysOf('k1');
  const sealed = seal(keys, '306404', 'user-1');
  expect(() => unseal(keys, sealed, 'user-2')).toThrow();
  const flipped = Buffer.from(sealed.ciphertext, 'base64url');
  flipped[0] = flipped[0]! ^ 1;
  expect(() => unseal(keys, { ...sealed, ciphertext: flipped.toString('base64url') }, 'user-1')).toThrow();
  expect(() => unseal(keysOf('k1'), sealed, 'user-1')).toThrow();
  expect(() => unseal(keys, { ...sealed, kid: 'k9' }, 'user-1')).toThrow(/no sealing key "k9"/);
});

test('a malformed secret is refused without quoting it', () => {
  expect(() => parseSealingKeys('[]')).toThrow(/at least one/);
  expect(() => parseSealingKeys(JSON.stringify([{ kid: 'short', key: 'c2hvcnQ' }]))).toThrow(/32 bytes/);
  expect(() => parseSealingKeys('{"kid": "k1", key: c2VjcmV0LWtleS1tYXRlcmlhbA')).toThrow(
    /^sealing keys secret is not valid JSON$/,
  );
});
