import { LOGIN_CODE_MAX_ATTEMPTS, hashLoginCode, loginCodeMatches, loginCodeUsable, newLoginCode } from './login-code';

test('codes are six digits, leading zeros kept', () => {
  for (let i = 0; i < 200; i++) expect(newLoginCode()).toMatch(/^\d{6}$/);
});

test('a code matches only its own row', () => {
  const hash = hashLoginCode('row-1', '012345');
  expect(loginCodeMatches('row-1', '012345', hash)).toBe(true);
  expect(loginCodeMatches('row-1', '012346', hash)).toBe(false);
  expect(loginCodeMatches('row-2', '012345', hash)).toBe(false);
  expect(hashLoginCode('row-2', '012345')).not.toBe(hash);
  expect(loginCodeMatches('row-1', '012345', 'not-hex')).toBe(false);
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
