// Entry point of the identity service: wiring only. Behaviour lives in routes/, events/,
// jobs/ and domain/; platform concerns (config, logs, metrics, health, Dapr) in the kit.
import { runService } from '@daybook/service-kit';
import { envSchema } from './env';
import { eventHandlers } from './events';
import { openDatabase } from './infrastructure/database';
import { jobHandlers } from './jobs';
import { scheduleCleanup } from './jobs/clean-up-expired';
import { routes } from './routes';
import { loginCodeSealingKeys } from './infrastructure/login-code-sealing';
import { signingKeyStore } from './infrastructure/signing-key-store';

let cleanup: ReturnType<typeof scheduleCleanup> | undefined;

runService({
  name: 'identity',
  envSchema,
  database: openDatabase,
  routes,
  subscriptions: eventHandlers,
  jobs: jobHandlers,
  // Not ready until the token signing keys and the login-code sealing keys load from the
  // secret store: a missing key fails the rollout, not the first sign-in.
  readiness: async (kit) => void (await Promise.all([signingKeyStore(kit).keys(), loginCodeSealingKeys(kit).keys()])),
  onListening: (kit) => void (cleanup = scheduleCleanup(kit)),
  onShutdown: async () => cleanup?.stop(),
});
