import { randomBytes, randomUUID } from 'node:crypto';
import { signUnsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token';

const key = randomBytes(32);

test('a token names its user and category and verifies only with its key, unaltered', () => {
  const userId = randomUUID();
  const token = signUnsubscribeToken(key, userId, 'digests');
  expect(verifyUnsubscribeToken(key, token)).toEqual({ userId, category: 'digests' });
  expect(verifyUnsubscribeToken(randomBytes(32), token)).toBeNull();
  const [payload, mac] = token.split('.');
  const other = Buffer.from(JSON.stringify({ u: randomUUID(), c: 'digests' })).toString('base64url');
  expect(verifyUnsubscribeToken(key, `${other}.${mac}`)).toBeNull();
  expect(verifyUnsubscribeToken(key, `${payload}.${mac}x`)).toBeNull();
  expect(verifyUnsubscribeToken(key, `${payload}`)).toBeNull();
  expect(verifyUnsubscribeToken(key, `${token}.more`)).toBeNull();
  expect(verifyUnsubscribeToken(key, '')).toBeNull();
});
