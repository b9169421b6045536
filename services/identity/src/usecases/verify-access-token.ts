import { Unauthenticated } from '../domain/errors';
import { verifyAccessToken as verify, type AccessTokenClaims, type TokenAudience } from '../domain/tokens';
import type { SigningKeyStore } from '../infrastructure/signing-key-store';

export type VerifyAccessToken = (token: string) => Promise<AccessTokenClaims>;

/**
 * Who an access token says the caller is, checked against identity's own keys (no round
 * trip to its own JWKS). Invalid or expired: Unauthenticated, saying which.
 */
export function verifyAccessToken(deps: {
  signingKeys: SigningKeyStore;
  audience: TokenAudience;
  now: () => Date;
}): VerifyAccessToken {
  const { signingKeys, audience, now } = deps;
  return async (token) => {
    const claims = verify(token, await signingKeys.keys(), audience, now());
    if (!claims) throw new Unauthenticated('invalid access token');
    if ('expired' in claims) throw new Unauthenticated('access token expired');
    return claims;
  };
}
