import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { cachedVerifier, type VerifiedToken } from './auth';

// Real ES256 tokens, signed and verified with jsonwebtoken as identity and the kit do; the
// clock is the verifier's own (`now`), moved by the test instead of waiting.
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const start = Date.now();

function setup(max?: number) {
  let clock = start;
  let verifications = 0;
  const verify = async (token: string): Promise<VerifiedToken> => {
    verifications++;
    const p = jwt.verify(token, publicKey, { algorithms: ['ES256'], clockTimestamp: Math.floor(clock / 1000) });
    if (typeof p === 'string') throw new Error('unexpected payload');
    return { user: { id: p.sub! }, expiresAtMs: p.exp! * 1000 };
  };
  const verifier = cachedVerifier(verify, { now: () => clock, ...(max ? { max } : {}) });
  return {
    verifier,
    verifications: () => verifications,
    advance: (ms: number) => (clock += ms),
  };
}
const token = (sub: string, expiresInSeconds = 60) =>
  jwt.sign({ exp: Math.floor(start / 1000) + expiresInSeconds }, privateKey, { algorithm: 'ES256', subject: sub });

test('a token verified once is accepted again without verifying its signature', async () => {
  const { verifier, verifications } = setup();
  const t = token('user-1');
  expect(await verifier.verify(t)).toEqual({ id: 'user-1' });
  expect(await verifier.verify(t)).toEqual({ id: 'user-1' });
  expect(verifications()).toBe(1);
  expect(await verifier.verify(token('user-2'))).toEqual({ id: 'user-2' });
  expect(verifications()).toBe(2);
});

test('a remembered token is refused once its exp has passed', async () => {
  const { verifier, verifications, advance } = setup();
  const t = token('user-1', 60);
  await verifier.verify(t);
  advance(59_000);
  await expect(verifier.verify(t)).resolves.toEqual({ id: 'user-1' });
  advance(1_000);
  await expect(verifier.verify(t)).rejects.toThrow(/expired/);
  expect(verifications()).toBe(2);
});

test('a token that fails is not remembered: it is checked (and refused) every time', async () => {
  const { verifier, verifications } = setup();
  const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const forged = jwt.sign({}, other, { algorithm: 'ES256', subject: 'user-1', expiresIn: 60 });
  await expect(verifier.verify(forged)).rejects.toThrow(/signature/);
  await expect(verifier.verify(forged)).rejects.toThrow(/signature/);
  expect(verifications()).toBe(2);
});

test('past its size the least recently used token is forgotten (and verified again)', async () => {
  const { verifier, verifications } = setup(2);
  const [a, b, c] = [token('a'), token('b'), token('c')];
  await verifier.verify(a);
  await verifier.verify(b);
  await verifier.verify(a); // a is now the most recent
  await verifier.verify(c); // b goes
  expect(verifications()).toBe(3);
  await verifier.verify(a);
  expect(verifications()).toBe(3);
  await verifier.verify(b);
  expect(verifications()).toBe(4);
});
