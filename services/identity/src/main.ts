// Entry point of the identity service: wiring only. Behaviour lives in routes/, events/,
// jobs/ and domain/; platform concerns (config, logs, metrics, health, Dapr) in the kit.
import { runService } from '@daybook/service-kit';
import { envSchema } from './env';
import { eventHandlers } from './events';
import { openDatabase } from './infrastructure/database';
import { jobHandlers } from './jobs';
import { routes } from './routes';
import { signingKeyStore } from './infrastructure/signing-key-store';

runService({
  name: 'identity',
  envSchema,
  database: openDatabase,
  routes,
  subscriptions: eventHandlers,
  jobs: jobHandlers,
  // Not ready until the token signing keys load from the secret store.
  readiness: async (kit) => void (await signingKeyStore(kit).keys()),
});
