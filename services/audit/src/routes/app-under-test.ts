// For the route tests: the routes on the kit's HTTP stack, assembled as startService does
// (the kit's JSON handling, its 404 for unknown routes and its error handler), with use
// cases the test provides and access tokens that are simply the user's id.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createHttpApp,
  createLogger,
  createMetrics,
  errorHandler,
  notFound,
  requireUser,
  unauthorized,
} from '@daybook/service-kit';
import { routes, type RouteDeps } from '.';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function startRoutes(usecases: Omit<RouteDeps, 'requireUser' | 'log'>) {
  const log = createLogger('audit', 'silent');
  const http = createHttpApp({ log, metrics: createMetrics('audit') });
  const verifier = {
    verify: async (token: string) => {
      if (!UUID.test(token)) throw unauthorized('invalid access token');
      return { id: token };
    },
  };
  http.use(routes({ requireUser: requireUser(verifier), log, ...usecases }));
  http.use((req, _res, next) => next(notFound(`route ${req.method} ${req.path}`)));
  http.use(errorHandler(log));
  const server = createServer(http).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    /** GET `path`, as `userId` when given (its id is its token here). */
    get: (path: string, userId?: string) =>
      fetch(`${base}${path}`, userId ? { headers: { authorization: `Bearer ${userId}` } } : {}),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
