import { Router } from 'express';
import { z } from 'zod';
import { validate } from '@daybook/service-kit';
import type { UseCases } from '../app';
import { tasksCsv } from '../usecases/export-tasks';

export const exportQuery = z.object({ format: z.enum(['json', 'csv']).optional() }).strict();
export const importInput = z.discriminatedUnion('format', [
  z.object({ format: z.literal('daybook'), data: z.unknown(), dryRun: z.boolean().optional() }).strict(),
  z
    .object({
      format: z.literal('todoist-csv'),
      csv: z.string().min(1, 'must not be empty'),
      listName: z.string().trim().min(1).max(100).nullable().optional(),
      dryRun: z.boolean().optional(),
    })
    .strict(),
]);

/** The caller's data: their export (JSON, or their tasks as CSV) and imports into it. */
export function dataRoutes(useCases: Pick<UseCases, 'exportTasks' | 'importTasks'>): Router {
  const router = Router();
  router.get('/api/tasks/export', async (req, res) => {
    const { format } = validate(exportQuery, req.query, 'query');
    const data = await useCases.exportTasks(req.user!.id);
    res.set('Cache-Control', 'no-store');
    if (format === 'csv') {
      res.attachment('daybook-tasks.csv').type('text/csv; charset=utf-8').send(tasksCsv(data));
      return;
    }
    res.json(data);
  });
  router.post('/api/tasks/import', async (req, res) => {
    const input = validate(importInput, req.body, 'body');
    const result = await useCases.importTasks(req.user!.id, input);
    res.status(result.dryRun ? 200 : 201).json(result);
  });
  return router;
}
