import { Router } from 'express';
import { openApiRouter, validate } from '@daybook/service-kit';
import type { Kit } from '../app';
import type { PreviewOccurrences } from '../usecases/preview-occurrences';
import { recurringOpenApi } from './openapi';
import { previewQuery } from './preview-query';

/** Public API of the recurring service, under /api/recurring. */
export function routes(kit: Kit, usecases: { previewOccurrences: PreviewOccurrences }): Router {
  const router = Router();
  router.use(openApiRouter('recurring', recurringOpenApi()));
  router.use('/api/recurring', kit.requireUser);
  router.get('/api/recurring/preview', (req, res) => {
    const q = validate(previewQuery, req.query, 'query');
    const occurrences = usecases.previewOccurrences.execute(
      { rrule: q.rrule, start: q.start, timeZone: q.timeZone, exdates: q.exdates },
      q.count,
    );
    res.json({ occurrences: occurrences.map((o) => ({ local: o.local, at: o.at.toISOString() })) });
  });
  return router;
}
