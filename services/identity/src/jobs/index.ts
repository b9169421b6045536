import type { JobHandler, ServiceKit } from '@daybook/service-kit';

/** Dapr jobs the identity service handles (POST /job/<kind>--<id>). */
export function jobHandlers(_kit: ServiceKit): JobHandler[] {
  return [];
}
