// Entry point of the journal service: wiring only. Behaviour lives in routes/, events/,
// jobs/ and domain/; platform concerns (config, logs, metrics, health, Dapr) in the kit.
import { runService } from '@daybook/service-kit';
import { envSchema } from './env';
import { eventHandlers } from './events';
import { openDatabase } from './infrastructure/database';
import { jobHandlers } from './jobs';
import { routes } from './routes';

runService({
  name: 'journal',
  envSchema,
  database: openDatabase,
  routes,
  subscriptions: eventHandlers,
  jobs: jobHandlers,
});
