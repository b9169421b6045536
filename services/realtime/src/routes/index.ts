import { Router } from 'express';
import type { ServiceKit } from '@daybook/service-kit';

/** Public API of the realtime service, under /api/realtime. */
export function routes(_kit: ServiceKit): Router {
  return Router();
}
