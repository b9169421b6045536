import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from './password';

// A cheap cost keeps the unit tests fast; the format and checks are the same.
const cheap = { log2N: 10, r: 8, p: 1 };

test('a hash verifies its own password and no other', async () => {
  const stored = await hashPassword('correct horse battery', cheap);
  expect(stored).toMatch(/^scrypt\$10\$8\$1\$[\w-]+\$[\w-]+$/);
  await expect(verifyPassword('correct horse battery', stored)).resolves.toBe(true);
  await expect(verifyPassword('correct horse batterY', stored)).resolves.toBe(false);
  await expect(verifyPassword('', stored)).resolves.toBe(false);
});

test('every hash has its own salt', async () => {
  const a = await hashPassword('same password!', cheap);
  const b = await hashPassword('same password!', cheap);
  expect(a).not.toBe(b);
});

test('the default cost is N = 2^15 and verifies', async () => {
  const stored = await hashPassword('default cost password');
  expect(stored.startsWith('scrypt$15$8$1$')).toBe(true);
  await expect(verifyPassword('default cost password', stored)).resolves.toBe(true);
  expect(needsRehash(stored)).toBe(false);
  expect(needsRehash(await hashPassword('x', cheap))).toBe(true);
});

test('unicode passwords are normalised (NFKC) before hashing', async () => {
  const stored = await hashPassword('caf\u00e9-password', cheap);
  await expect(verifyPassword('cafe\u0301-password', stored)).resolves.toBe(true);
});

test('a malformed stored hash never verifies', async () => {
  for (const bad of ['', 'plain', 'scrypt$15$8$1$$', 'bcrypt$1$2$3$4$5', 'scrypt$99$8$1$YQ$YQ']) {
    await expect(verifyPassword('anything', bad)).resolves.toBe(false);
  }
});

test('the dummy check for unknown emails always fails', async () => {
  await expect(burnPasswordCheck('whatever password')).resolves.toBe(false);
});
