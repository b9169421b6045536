import { Router } from 'express';
import { z } from 'zod';
import { notFound, validate, type ServiceKit } from '@daybook/service-kit';
import type { Database } from '../infrastructure/database';

/** Entry ids are PostgreSQL bigints: a larger number would fail inside the query. */
const MAX_BIGINT = 2n ** 63n - 1n;
const notACursor = 'must be a cursor returned by a previous page';

const page = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** Opaque cursor from the previous page's `nextCursor`: the id of its last entry. */
    cursor: z
      .string()
      .regex(/^\d{1,19}$/, notACursor)
      .transform(BigInt)
      .refine((id) => id <= MAX_BIGINT, notACursor)
      .optional(),
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
      where: { ...where, ...(cursor !== undefined ? { id: { lt: cursor } } : {}) },
      orderBy: { id: 'desc' },
      take: limit + 1,
    });
    const items = rows.slice(0, limit).map(({ id, ...rest }) => ({ ...rest, id: id.toString() }));
    return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
  };

  router.get('/api/audit/entities/:entityType/:entityId', async (req, res) => {
    const { entityType, entityId } = validate(entityParams, req.params, 'params');
    const where = { userId: req.user!.id, entityType, entityId };
    const history = await list(where, req.query);
    // No entry of the caller's: the entity is another user's (or none at all), and another
    // user's resource is a 404 everywhere. An empty later page of one's own is still a 200.
    if (history.items.length === 0 && !(await db.auditEntry.findFirst({ where, select: { id: true } }))) {
      throw notFound(`history of ${entityType} ${entityId}`);
    }
    res.json(history);
  });
  router.get('/api/audit/me', async (req, res) => {
    res.json(await list({ userId: req.user!.id }, req.query));
  });
  return router;
}
