import type { JobHandler } from '@daybook/service-kit';

/** Dapr jobs the tasks service handles (POST /job/<kind>--<id>): none yet. */
export function jobHandlers(): JobHandler[] {
  return [];
}
