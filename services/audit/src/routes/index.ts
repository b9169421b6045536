import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router, type RequestHandler } from 'express';
import { openApiRouter, validate, type Logger } from '@daybook/service-kit';
import type { HistoryEntry, HistoryPage } from '../domain/audit-entry';
import type { ExportHistory } from '../usecases/export-history';
import type { ListEntityHistory } from '../usecases/list-entity-history';
import type { ListUserActivity } from '../usecases/list-user-activity';
import { activityQuery, entityParams, exportQuery, pageQuery } from './history-query';
import { auditOpenApi } from './openapi';

export interface RouteDeps {
  /** 401 unless a valid access token is presented; sets req.user (the kit's). */
  requireUser: RequestHandler;
  listEntityHistory: ListEntityHistory;
  listUserActivity: ListUserActivity;
  exportHistory: ExportHistory;
  log: Pick<Logger, 'warn'>;
}

/** An entry as the API shows it (docs/openapi/audit.json, AuditEntry): its id, a bigint, as a string. */
const entryView = (e: HistoryEntry) => ({
  eventId: e.eventId,
  eventType: e.eventType,
  entityType: e.entityType,
  entityId: e.entityId,
  userId: e.userId,
  actor: e.actor,
  before: e.before,
  after: e.after,
  changes: e.changes,
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

async function* jsonLines(entries: AsyncIterable<HistoryEntry>) {
  for await (const entry of entries) yield `${JSON.stringify(entryView(entry))}\n`;
}

/** History API, under /api/audit: newest first, cursor-paginated or exported, only the caller's own. */
export function routes(deps: RouteDeps): Router {
  const router = Router();
  router.use(openApiRouter('audit', auditOpenApi()));
  router.use('/api/audit', deps.requireUser);

  router.get('/api/audit/entities/:entityType/:entityId', async (req, res) => {
    const { entityType, entityId } = validate(entityParams, req.params, 'params');
    const { type, ...query } = validate(pageQuery, req.query, 'query');
    res.json(
      pageView(
        await deps.listEntityHistory({ userId: req.user!.id, entityType, entityId, eventTypes: type, ...query }),
      ),
    );
  });
  router.get('/api/audit/me', async (req, res) => {
    const { type, ...query } = validate(activityQuery, req.query, 'query');
    res.json(pageView(await deps.listUserActivity({ userId: req.user!.id, eventTypes: type, ...query })));
  });
  router.get('/api/audit/export', async (req, res) => {
    const { type, ...filter } = validate(exportQuery, req.query, 'query');
    const entries = await deps.exportHistory({ userId: req.user!.id, eventTypes: type, ...filter });
    res.status(200);
    res.setHeader('content-type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('content-disposition', 'attachment; filename="daybook-history.jsonl"');
    try {
      // Backpressure from the client paces the reads; a client that goes away stops them.
      await pipeline(Readable.from(jsonLines(entries)), res);
    } catch (err) {
      // The status line is sent: the response is cut short (no clean end), and said so here.
      deps.log.warn({ err }, 'history export ended early');
    }
  });
  return router;
}
