import { Router } from 'express';
import { openApiRouter, type ServiceKit } from '@daybook/service-kit';
import type { Database } from '../infrastructure/database';
import { tasksOpenApi } from './openapi';
import { tagAndListRoutes } from './tags-and-lists';
import { taskRoutes } from './tasks';

/** Public API of the tasks service, under /api/tasks. */
export function routes(kit: ServiceKit): Router {
  const db = kit.db as unknown as Database;
  const router = Router();
  router.use(openApiRouter('tasks', tasksOpenApi()));
  router.use('/api/tasks', kit.requireUser);
  // Tags and lists first: "/api/tasks/tags" must not be read as a task id.
  router.use(tagAndListRoutes(kit, db));
  router.use(taskRoutes(kit, db));
  return router;
}
