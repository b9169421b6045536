import { z } from 'zod';
import { buildOpenApiDocument, commonErrors, errorResponse, invalidInputResponse } from '@daybook/service-kit';
import { entityParams, pageQuery } from './history-query';

/** An event's data (or the entity in it); a field its contract marks sensitive reads "[sensitive]". */
const eventData = z.record(z.string(), z.unknown()).nullable();

/** One history entry as the routes answer it (routes/index.ts, entryView). */
export const auditEntryView = z
  .object({
    eventId: z.string(),
    eventType: z.string().meta({ example: 'daybook.task.completed.v1' }),
    entityType: z.string().meta({ example: 'task' }),
    entityId: z.string(),
    userId: z.uuid(),
    before: eventData.meta({ description: 'The changed fields before the event, when the event carries them' }),
    after: eventData.meta({ description: 'The entity after the event (or the event’s data)' }),
    occurredAt: z.iso.datetime(),
    correlationId: z.string(),
    causationId: z.string().nullable(),
    recordedAt: z.iso.datetime(),
    id: z.string().meta({ description: 'The entry’s id, newest highest' }),
  })
  .meta({ id: 'AuditEntry' });

export const historyPageView = z
  .object({
    items: z.array(auditEntryView),
    nextCursor: z.string().nullable().meta({ description: 'The cursor of the next (older) page; null on the last' }),
  })
  .meta({ id: 'HistoryPage' });

const page = {
  description: 'A page of entries, newest first',
  content: { 'application/json': { schema: historyPageView } },
};
const badQuery = invalidInputResponse(
  'A bad limit or cursor (or a path parameter), or an unknown query parameter: each named in details.problems',
);

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

/** The audit API as OpenAPI 3.1, from the zod schemas the routes validate with. */
export function auditOpenApi() {
  cached ??= buildOpenApiDocument({
    service: 'audit',
    description:
      'The append-only history of every event, for the signed-in user: per entity and in all. ' +
      'Unknown query parameters are rejected (400).',
    paths: {
      '/api/audit/entities/{entityType}/{entityId}': {
        get: {
          summary: 'The history of one entity of the caller’s, newest first (cursor pagination)',
          requestParams: { path: entityParams, query: pageQuery },
          responses: {
            '200': page,
            '400': badQuery,
            '401': commonErrors['401'],
            '404': errorResponse('The caller has no entry for this entity (another user’s, or none)'),
          },
        },
      },
      '/api/audit/me': {
        get: {
          summary: 'Everything that happened to the caller’s data, newest first (cursor pagination)',
          requestParams: { query: pageQuery },
          responses: {
            '200': page,
            '400': invalidInputResponse(
              'A bad limit or cursor, or an unknown query parameter: each named in details.problems',
            ),
            '401': commonErrors['401'],
          },
        },
      },
    },
  });
  return cached;
}
