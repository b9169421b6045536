import type { JobHandler } from '@daybook/service-kit';

/** Dapr jobs the audit service handles (POST /job/<kind>--<id>): none; it only listens. */
export function jobHandlers(): JobHandler[] {
  return [];
}
