import { createHmac } from 'node:crypto';
import { newSealingKey, parseSealingKeys } from '@daybook/service-kit';
import { LOGIN_CODE_MAX_ATTEMPTS, hashLoginCode, loginCodeMatches, loginCodeUsable, newLoginCode } from './login-code';

test('codes are six digits, leading zeros kept', () => {
  for (let i = 0; i < 200; i++) expect(newLoginCode()).toMatch(/^\d{6}$/);
});

const keyring = (...kids: string[]) => parseSealingKeys(JSON.stringify(kids.map((kid) => newSealingKey(kid))));

test('a code matches only its own row', () => {
  const keys = keyring('k1');
  const hash = hashLoginCode(keys, 'row-1', '012345');
  expect(loginCodeMatches(keys, 'row-1', '012345', hash)).toBe(true);
  expect(loginCodeMatches(keys, 'row-1', '012346', hash)).toBe(false);
  expect(loginCodeMatches(keys, 'row-2', '012345', hash)).toBe(false);
  expect(hashLoginCode(keys, 'row-2', '012345')).not.toBe(hash);
  expect(loginCodeMatches(keys, 'row-1', '012345', 'not-hex')).toBe(false);
});

test('a stored hash cannot be checked without the key: the row and the code alone do not give it', () => {
  const hash = hashLoginCode(keyring('k1'), 'row-1', '012345');
  // The earlier scheme, an HMAC keyed by the row's id, is what a database copy could recompute.
  expect(hash).not.toBe(createHmac('sha256', 'row-1').update('012345').digest('hex'));
  expect(loginCodeMatches(keyring('other'), 'row-1', '012345', hash)).toBe(false);
});

test('a code hashed before a key rotation still matches while its key is in the list', () => {
  const [older, newer] = [keyring('old'), keyring('new')];
  const hash = hashLoginCode(older, 'row-1', '012345');
  const rotated = [...newer, ...older]; // the new key first, the old one kept
  expect(loginCodeMatches(rotated, 'row-1', '012345', hash)).toBe(true);
  expect(hashLoginCode(rotated, 'row-1', '012345')).toBe(hashLoginCode(newer, 'row-1', '012345'));
  expect(loginCodeMatches(newer, 'row-1', '012345', hash)).toBe(false);
});

test('a code is usable until consumed, expired or out of attempts', () => {
  const now = new Date('2026-11-22T09:00:00.000Z');
  const later = new Date('2026-11-22T09:10:00.000Z');
  expect(loginCodeUsable({ expiresAt: later, attempts: 0, consumedAt: null }, now)).toBe(true);
  expect(loginCodeUsable({ expiresAt: later, attempts: LOGIN_CODE_MAX_ATTEMPTS - 1, consumedAt: null }, now)).toBe(
    true,
  );
  expect(loginCodeUsable({ expiresAt: later, attempts: LOGIN_CODE_MAX_ATTEMPTS, consumedAt: null }, now)).toBe(false);
  expect(loginCodeUsable({ expiresAt: later, attempts: 0, consumedAt: now }, now)).toBe(false);
  expect(loginCodeUsable({ expiresAt: now, attempts: 0, consumedAt: null }, now)).toBe(false);
});
