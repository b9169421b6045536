import { Router } from 'express';
import type { ServiceKit } from '@daybook/service-kit';

/** Public API of the journal service, under /api/journal. */
export function routes(_kit: ServiceKit): Router {
  return Router();
}
