import { loginCodeSealing } from '@daybook/contracts';
import { sealingKeyStore, type SealingKeyStore, type ServiceKit } from '@daybook/service-kit';

/**
 * The keys identity seals login codes with for notifications (secret
 * `login-code-sealing-keys` in `daybook-secrets`, newest first). Identity only seals: it
 * checks a code against its hash, never by opening an event.
 */
export const loginCodeSealingKeys = (kit: ServiceKit): SealingKeyStore => sealingKeyStore(kit, loginCodeSealing.secret);
