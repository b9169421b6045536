import { Router } from 'express';
import type { ServiceKit } from '@daybook/service-kit';

/** Public API of the notifications service, under /api/notifications. */
export function routes(_kit: ServiceKit): Router {
  return Router();
}
