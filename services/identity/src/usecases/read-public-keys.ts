import { jwks } from '../domain/signing-keys';
import type { SigningKeyStore } from '../infrastructure/signing-key-store';

export type ReadPublicKeys = () => Promise<ReturnType<typeof jwks>>;

/** The public half of every signing key (the JWKS), which every service verifies access tokens against. */
export function readPublicKeys(deps: { signingKeys: SigningKeyStore }): ReadPublicKeys {
  return async () => jwks(await deps.signingKeys.keys());
}
