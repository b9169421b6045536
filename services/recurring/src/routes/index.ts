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
    const shown = (o: { local: string; at: Date }) => ({ local: o.local, at: o.at.toISOString() });
    const rule = { rrule: q.rrule, start: q.start, timeZone: q.timeZone, exdates: q.exdates };
    const ifCompleted = q.completedAt
      ? { ifCompleted: usecases.previewOccurrences.ifCompletedAt(rule, new Date(q.completedAt)) ?? null }
      : {};
    res.json({
      occurrences: occurrences.map(shown),
      ...(ifCompleted.ifCompleted ? { ifCompleted: shown(ifCompleted.ifCompleted) } : ifCompleted),
    });
  });
  return router;
}
