import { randomUUID } from 'node:crypto';
import { Unauthenticated } from '../domain/errors';
import { ACCESS_TOKEN_TTL_SECONDS, signAccessToken } from '../domain/tokens';
import { audience, testSigningKeys } from '../testing';
import { verifyAccessToken } from './verify-access-token';

const signingKeys = testSigningKeys(['newest', 'retired']);
const claims = { userId: randomUUID(), email: 'ada@example.com', sessionId: randomUUID() };
const issuedAt = new Date();
const at = (seconds: number) => () => new Date(issuedAt.getTime() + seconds * 1000);

async function tokenSignedWith(index: number, aud = audience) {
  const key = (await signingKeys.keys())[index]!;
  return signAccessToken(key, claims, aud, issuedAt).token;
}

test('a token signed with any of identity’s keys says who the caller is, and which session', async () => {
  const verify = verifyAccessToken({ signingKeys, audience, now: at(60) });
  await expect(verify(await tokenSignedWith(0))).resolves.toEqual(claims);
  await expect(verify(await tokenSignedWith(1))).resolves.toEqual(claims);
});

test('an expired token is Unauthenticated, saying so', async () => {
  const verify = verifyAccessToken({ signingKeys, audience, now: at(ACCESS_TOKEN_TTL_SECONDS + 1) });
  const expired = verify(await tokenSignedWith(0));
  await expect(expired).rejects.toThrow(Unauthenticated);
  await expect(expired).rejects.toThrow('access token expired');
});

test('a token that is not identity’s, or not for Daybook, is invalid', async () => {
  const verify = verifyAccessToken({ signingKeys, audience, now: at(60) });
  const foreign = testSigningKeys(['newest']);
  const [foreignKey] = await foreign.keys();
  for (const token of [
    'abc.def.ghi',
    signAccessToken(foreignKey!, claims, audience, issuedAt).token,
    await tokenSignedWith(0, { ...audience, audience: 'elsewhere' }),
  ]) {
    const invalid = verify(token);
    await expect(invalid).rejects.toThrow(Unauthenticated);
    await expect(invalid).rejects.toThrow('invalid access token');
  }
});
