import type { JobHandler } from '@daybook/service-kit';

/** Dapr jobs the realtime service handles (POST /job/<kind>--<id>): each calls a use case. */
export function jobHandlers(): JobHandler[] {
  return [];
}
