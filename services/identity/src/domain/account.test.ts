import {
  canonicalTimeZone,
  changePasswordInput,
  isIanaTimeZone,
  loginCodeVerifyInput,
  profileChanges,
  signupInput,
  updateMeInput,
} from './account';

test('emails are trimmed and lower-cased; bad ones are refused', () => {
  const ok = signupInput.parse({ email: '  Ada@Example.COM ', password: 'long enough pw', timeZone: 'UTC' });
  expect(ok.email).toBe('ada@example.com');
  expect(signupInput.safeParse({ email: 'nope', password: 'long enough pw', timeZone: 'UTC' }).success).toBe(false);
});

test('passwords between 10 and 200 characters', () => {
  const base = { email: 'a@example.com', timeZone: 'UTC' };
  expect(signupInput.safeParse({ ...base, password: 'x'.repeat(9) }).success).toBe(false);
  expect(signupInput.safeParse({ ...base, password: 'x'.repeat(10) }).success).toBe(true);
  expect(signupInput.safeParse({ ...base, password: 'x'.repeat(200) }).success).toBe(true);
  expect(signupInput.safeParse({ ...base, password: 'x'.repeat(201) }).success).toBe(false);
  expect(changePasswordInput.safeParse({ currentPassword: 'a', newPassword: 'short' }).success).toBe(false);
});

test('time zones must be IANA names; the canonical spelling is kept', () => {
  for (const zone of ['Europe/London', 'America/Argentina/Buenos_Aires', 'UTC', 'Etc/GMT+5']) {
    expect(isIanaTimeZone(zone)).toBe(true);
  }
  for (const zone of ['Mars/Base', '+05:00', '', 'Europe/London ', 'GMT+1:00']) {
    expect(isIanaTimeZone(zone)).toBe(false);
  }
  expect(canonicalTimeZone('europe/london')).toBe('Europe/London');
  expect(updateMeInput.parse({ timeZone: 'europe/london' })).toEqual({ timeZone: 'Europe/London' });
});

test('objects are strict and codes are six digits', () => {
  const r = signupInput.safeParse({ email: 'a@example.com', password: 'long enough pw', timeZone: 'UTC', admin: 1 });
  expect(r.success).toBe(false);
  expect(loginCodeVerifyInput.safeParse({ email: 'a@example.com', code: '12345' }).success).toBe(false);
  expect(loginCodeVerifyInput.safeParse({ email: 'a@example.com', code: '012345' }).success).toBe(true);
  expect(updateMeInput.parse({ displayName: null })).toEqual({ displayName: null });
  expect(updateMeInput.safeParse({ displayName: '   ' }).success).toBe(false);
});

test('a profile update changes only the fields given that differ', () => {
  const user = { displayName: 'Ada', timeZone: 'Europe/London' };
  expect(profileChanges(user, {})).toEqual({});
  expect(profileChanges(user, { displayName: 'Ada', timeZone: 'Europe/London' })).toEqual({});
  expect(profileChanges(user, { displayName: null })).toEqual({ displayName: null });
  expect(profileChanges(user, { displayName: 'Ada L.', timeZone: 'Europe/London' })).toEqual({ displayName: 'Ada L.' });
  expect(profileChanges({ ...user, displayName: null }, { timeZone: 'UTC' })).toEqual({ timeZone: 'UTC' });
});
