import { Router } from 'express';
import { openApiRouter, validate, type ServiceKit } from '@daybook/service-kit';
import { occurrencesAfter } from '../domain/next-occurrence';
import { recurringOpenApi } from './openapi';
import { previewQuery } from './preview-query';

/** Public API of the recurring service, under /api/recurring. */
export function routes(kit: ServiceKit): Router {
  const router = Router();
  router.use(openApiRouter('recurring', recurringOpenApi()));
  router.use('/api/recurring', kit.requireUser);
  // The next dates a rule gives, computed exactly as the series will be: for the
  // recurrence editor to show before saving.
  router.get('/api/recurring/preview', (req, res) => {
    const q = validate(previewQuery, req.query, 'query');
    const occurrences = occurrencesAfter(
      { rrule: q.rrule, start: q.start, timeZone: q.timeZone, exdates: q.exdates ?? [] },
      undefined,
      q.count,
    );
    res.json({ occurrences: occurrences.map((o) => ({ local: o.local, at: o.at.toISOString() })) });
  });
  return router;
}
