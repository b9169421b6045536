import { Router } from 'express';
import { z } from 'zod';
import { validate, type ServiceKit } from '@daybook/service-kit';
import type { Database } from '../infrastructure/database';

const page = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** Opaque cursor from the previous page's `nextCursor`. */
    cursor: z.string().regex(/^\d+$/, 'must be a cursor returned by a previous page').optional(),
  })
  .strict();
const entityParams = z.object({
  entityType: z.string().regex(/^[a-z-]+$/, 'must be an entity type such as "task"'),
  entityId: z.string().min(1).max(200),
});

/** History API, under /api/audit: newest first, cursor-paginated, only the caller's own. */
export function routes(kit: ServiceKit): Router {
  const db = kit.db as unknown as Database;
  const router = Router();
  router.use('/api/audit', kit.requireUser);

  const list = async (where: object, query: unknown) => {
    const { limit, cursor } = validate(page, query, 'query');
    const rows = await db.auditEntry.findMany({
      where: { ...where, ...(cursor ? { id: { lt: BigInt(cursor) } } : {}) },
      orderBy: { id: 'desc' },
      take: limit + 1,
    });
    const items = rows.slice(0, limit).map(({ id, ...rest }) => ({ ...rest, id: id.toString() }));
    return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
  };

  router.get('/api/audit/entities/:entityType/:entityId', async (req, res) => {
    const { entityType, entityId } = validate(entityParams, req.params, 'params');
    res.json(await list({ userId: req.user!.id, entityType, entityId }, req.query));
  });
  router.get('/api/audit/me', async (req, res) => {
    res.json(await list({ userId: req.user!.id }, req.query));
  });
  return router;
}
