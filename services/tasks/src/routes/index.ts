import { Router, type ErrorRequestHandler } from 'express';
import { fieldProblems, openApiRouter } from '@daybook/service-kit';
import type { Kit, UseCases } from '../app';
import { InvalidFields } from '../usecases/shared/invalid-fields';
import { calendarFeedRoute, calendarFeedSettingsRoutes } from './calendar';
import { dataRoutes } from './data';
import { tasksOpenApi } from './openapi';
import { tagAndListRoutes } from './tags-and-lists';
import { taskRoutes } from './tasks';

/**
 * Input a use case found wrong in several fields at once is answered as request validation
 * is: a 400 naming each (the kit's InvalidInput, which it maps itself, names one).
 */
export const everyProblem: ErrorRequestHandler = (err, _req, _res, next) => {
  next(err instanceof InvalidFields ? fieldProblems(err.problems) : err);
};

/** Public API of the tasks service, under /api/tasks: each route validates, calls a use case, answers. */
export function routes(kit: Kit, useCases: UseCases): Router {
  const router = Router();
  router.use(openApiRouter('tasks', tasksOpenApi()));
  // The feed is read by calendar apps, which cannot sign in: its URL's token is the credential.
  router.use(calendarFeedRoute(useCases));
  router.use('/api/tasks', kit.requireUser);
  router.use(calendarFeedSettingsRoutes(useCases));
  router.use(dataRoutes(useCases));
  // Tags and lists first: "/api/tasks/tags" must not be read as a task id.
  router.use(tagAndListRoutes(useCases));
  router.use(taskRoutes(useCases));
  router.use(everyProblem);
  return router;
}
