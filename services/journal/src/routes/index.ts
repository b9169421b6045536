import { Router } from 'express';
import { openApiRouter } from '@daybook/service-kit';
import type { Kit, UseCases } from '../app';
import { journalRoutes } from './journal';
import { journalOpenApi } from './openapi';

/** Public API of the journal service, under /api/journal: each route validates, calls a use case, answers. */
export function routes(kit: Kit, useCases: UseCases): Router {
  const router = Router();
  router.use(openApiRouter('journal', journalOpenApi()));
  router.use('/api/journal', kit.requireUser);
  router.use(journalRoutes(useCases));
  return router;
}
