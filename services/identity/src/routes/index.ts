import { Router } from 'express';
import { openApiRouter, type ServiceKit } from '@daybook/service-kit';
import { jwks } from '../domain/signing-keys';
import type { Database } from '../infrastructure/database';
import { sessionStore } from '../infrastructure/session-store';
import { signingKeyStore } from '../infrastructure/signing-key-store';
import { throttleStore } from '../infrastructure/throttle-store';
import { accountRoutes } from './account';
import { retryAfterHeader } from './http';
import { loginCodeRoutes } from './login-code';
import { identityOpenApiDocument } from './openapi';
import { sessionRoutes } from './session';

/** Public API of the identity service, under /api/identity. */
export function routes(kit: ServiceKit): Router {
  const db = kit.db as unknown as Database;
  const keys = signingKeyStore(kit);
  const sessions = sessionStore(kit, db);
  const throttle = throttleStore(db);
  const router = Router();
  // Public keys of access tokens: every service verifies tokens locally against these.
  router.get(['/.well-known/jwks.json', '/api/identity/.well-known/jwks.json'], async (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=300').json(jwks(await keys.keys()));
  });
  router.use(openApiRouter('identity', identityOpenApiDocument()));
  router.use(accountRoutes(kit, db, sessions, throttle));
  router.use(sessionRoutes(db, sessions, throttle));
  router.use(loginCodeRoutes(kit, db, sessions, throttle));
  router.use(retryAfterHeader);
  return router;
}
