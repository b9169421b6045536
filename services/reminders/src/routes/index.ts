import { Router } from 'express';
import type { ServiceKit } from '@daybook/service-kit';

/** Public API of the reminders service, under /api/reminders. */
export function routes(_kit: ServiceKit): Router {
  return Router();
}
