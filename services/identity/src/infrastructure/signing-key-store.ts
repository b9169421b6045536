import type { ServiceKit } from '@daybook/service-kit';
import { parseSigningKeys, type SigningKey } from '../domain/signing-keys';

/** The secret in the Dapr secret store (`daybook-secrets`) holding the signing keys. */
export const SIGNING_KEYS_SECRET = 'identity-jwt-signing-keys';

const stores = new WeakMap<ServiceKit, SigningKeyStore>();

/** Loads the keys through the sidecar's secrets API, once; retried on the next call if it failed. */
export function signingKeyStore(kit: ServiceKit): SigningKeyStore {
  const existing = stores.get(kit);
  if (existing) return existing;
  const store = createStore(kit);
  stores.set(kit, store);
  return store;
}

function createStore(kit: ServiceKit) {
  let loading: Promise<SigningKey[]> | undefined;
  return {
    keys(): Promise<SigningKey[]> {
      loading ??= kit.sidecar
        .getSecret(kit.components.secrets, SIGNING_KEYS_SECRET)
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
export type SigningKeyStore = ReturnType<typeof createStore>;
