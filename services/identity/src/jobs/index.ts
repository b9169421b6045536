import type { JobHandler } from '@daybook/service-kit';
import type { CleanUpExpired } from '../usecases/clean-up-expired';
import { cleanUpExpiredHandler } from './clean-up-expired';

/** Dapr jobs the identity service handles (POST /job/<kind>--<id>). */
export function jobHandlers(usecases: { cleanUpExpired: CleanUpExpired }): JobHandler[] {
  return [cleanUpExpiredHandler(usecases.cleanUpExpired)];
}
