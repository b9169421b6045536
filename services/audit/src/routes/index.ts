import { Router, type RequestHandler } from 'express';
import { openApiRouter, validate } from '@daybook/service-kit';
import type { HistoryEntry, HistoryPage } from '../domain/audit-entry';
import type { ListEntityHistory } from '../usecases/list-entity-history';
import type { ListUserActivity } from '../usecases/list-user-activity';
import { entityParams, pageQuery } from './history-query';
import { auditOpenApi } from './openapi';

export interface RouteDeps {
  /** 401 unless a valid access token is presented; sets req.user (the kit's). */
  requireUser: RequestHandler;
  listEntityHistory: ListEntityHistory;
  listUserActivity: ListUserActivity;
}

/** An entry as the API shows it (docs/openapi/audit.json, AuditEntry): its id, a bigint, as a string. */
const entryView = (e: HistoryEntry) => ({
  eventId: e.eventId,
  eventType: e.eventType,
  entityType: e.entityType,
  entityId: e.entityId,
  userId: e.userId,
  before: e.before,
  after: e.after,
  occurredAt: e.occurredAt,
  correlationId: e.correlationId,
  causationId: e.causationId,
  recordedAt: e.recordedAt,
  id: e.id.toString(),
});

const pageView = ({ entries, nextCursor }: HistoryPage) => ({
  items: entries.map(entryView),
  nextCursor: nextCursor === null ? null : nextCursor.toString(),
});

/** History API, under /api/audit: newest first, cursor-paginated, only the caller's own. */
export function routes(deps: RouteDeps): Router {
  const router = Router();
  router.use(openApiRouter('audit', auditOpenApi()));
  router.use('/api/audit', deps.requireUser);

  router.get('/api/audit/entities/:entityType/:entityId', async (req, res) => {
    const { entityType, entityId } = validate(entityParams, req.params, 'params');
    const { limit, cursor } = validate(pageQuery, req.query, 'query');
    res.json(pageView(await deps.listEntityHistory({ userId: req.user!.id, entityType, entityId, limit, cursor })));
  });
  router.get('/api/audit/me', async (req, res) => {
    const { limit, cursor } = validate(pageQuery, req.query, 'query');
    res.json(pageView(await deps.listUserActivity({ userId: req.user!.id, limit, cursor })));
  });
  return router;
}
