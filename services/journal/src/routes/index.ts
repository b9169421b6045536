import { Router } from 'express';

/** Public API of the journal service, under /api/journal: each route validates, calls a use case, answers. */
export function routes(): Router {
  return Router();
}
