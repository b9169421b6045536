import { Router } from 'express';
import type { ServiceKit } from '@daybook/service-kit';

/** Public API of the recurring service, under /api/recurring. */
export function routes(_kit: ServiceKit): Router {
  return Router();
}
