import { Router } from 'express';

/** Public API of the notifications service, under /api/notifications: each route validates, calls a use case, answers. */
export function routes(): Router {
  return Router();
}
