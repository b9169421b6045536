import type { JobHandler, ServiceKit } from '@daybook/service-kit';
import { cleanUpExpiredJob } from './clean-up-expired';

/** Dapr jobs the identity service handles (POST /job/<kind>--<id>). */
export function jobHandlers(kit: ServiceKit): JobHandler[] {
  return [cleanUpExpiredJob(kit)];
}
