import { Router } from 'express';
import type { ServiceKit } from '@daybook/service-kit';
import { jwks } from '../domain/signing-keys';
import { signingKeyStore } from '../infrastructure/signing-key-store';

/** Public API of the identity service, under /api/identity. */
export function routes(kit: ServiceKit): Router {
  const keys = signingKeyStore(kit);
  const router = Router();
  // Public keys of access tokens: every service verifies tokens locally against these.
  router.get(['/.well-known/jwks.json', '/api/identity/.well-known/jwks.json'], async (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=300').json(jwks(await keys.keys()));
  });
  return router;
}
