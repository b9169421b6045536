import type { Sidecar } from '@daybook/service-kit';
import { parseSigningKeys, type SigningKey } from '../domain/signing-keys';

/** The secret in the Dapr secret store (`daybook-secrets`) holding the signing keys. */
export const SIGNING_KEYS_SECRET = 'identity-jwt-signing-keys';

export interface SigningKeyStore {
  /** The access-token signing keys, newest first. */
  keys(): Promise<SigningKey[]>;
}

/** Loads the keys through the sidecar's secrets API, once; retried on the next call if it failed. */
export function signingKeyStore(sidecar: Pick<Sidecar, 'getSecret'>, secretStore: string): SigningKeyStore {
  let loading: Promise<SigningKey[]> | undefined;
  return {
    keys() {
      loading ??= sidecar
        .getSecret(secretStore, SIGNING_KEYS_SECRET)
        .then((secret) => {
          const value = secret[SIGNING_KEYS_SECRET];
          if (!value) throw new Error(`secret ${SIGNING_KEYS_SECRET} is empty`);
          return parseSigningKeys(value);
        })
        .catch((err: unknown) => {
          loading = undefined;
          throw err;
        });
      return loading;
    },
  };
}
