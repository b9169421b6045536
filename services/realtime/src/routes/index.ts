import { Router, type RequestHandler } from 'express';
import { openApiRouter, validate } from '@daybook/service-kit';
import type { ReadChanges } from '../usecases/read-changes';
import { changesQuery } from './changes-query';
import { realtimeOpenApi } from './openapi';

export interface RealtimeRoutesDeps {
  requireUser: RequestHandler;
  readChanges: ReadChanges;
  /** Counts a resync answer. */
  resynced(): void;
}

/** Public API of the realtime service, under /api/realtime: each route validates, calls a use case, answers. */
export function routes({ requireUser, readChanges, resynced }: RealtimeRoutesDeps): Router {
  const router = Router();
  router.use(openApiRouter('realtime', realtimeOpenApi()));
  router.use('/api/realtime', requireUser);

  router.get('/api/realtime/changes', async (req, res) => {
    const { since, limit } = validate(changesQuery, req.query, 'query');
    const page = await readChanges({ userId: req.user!.id, since, limit: limit ?? 100 });
    if (page.kind === 'resync') {
      resynced();
      res.status(410).json({ error: 'resync', cursor: page.cursor });
      return;
    }
    res.json({ changes: page.changes, cursor: page.cursor, hasMore: page.hasMore });
  });
  return router;
}
