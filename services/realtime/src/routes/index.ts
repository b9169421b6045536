import { Router } from 'express';

/** Public API of the realtime service, under /api/realtime: each route validates, calls a use case, answers. */
export function routes(): Router {
  return Router();
}
