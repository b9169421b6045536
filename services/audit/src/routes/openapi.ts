import { z } from 'zod';
import { buildOpenApiDocument, commonErrors, errorResponse, invalidInputResponse } from '@daybook/service-kit';
import { activityQuery, entityParams, exportQuery, pageQuery } from './history-query';

/** An event's data (or the entity in it); a field its contract marks sensitive reads "[sensitive]". */
const eventData = z.record(z.string(), z.unknown()).nullable();

/** One changed field (domain/field-diff.ts): a list inside counts as one value. */
const fieldChangeView = z
  .object({
    path: z.string().meta({ description: 'Where, dotted (a list is one value)', example: 'due.dateTime' }),
    kind: z.enum(['added', 'removed', 'changed']),
    from: z.unknown().optional().meta({ description: 'The value before; absent when the field was added' }),
    to: z.unknown().optional().meta({ description: 'The value after; absent when the field was removed' }),
  })
  .meta({ id: 'FieldChange' });

/** One history entry as the routes answer it (routes/index.ts, entryView). */
export const auditEntryView = z
  .object({
    eventId: z.string(),
    eventType: z.string().meta({ example: 'daybook.task.completed.v1' }),
    entityType: z.string().meta({ example: 'task' }),
    entityId: z.string(),
    userId: z.uuid(),
    actor: z
      .string()
      .nullable()
      .meta({
        description:
          'Who caused the event: "user:<id>" (the user, through the app) or "service:<name>" (a service acting on ' +
          'another event); null on entries written before actors were kept',
        example: 'service:recurring',
      }),
    before: eventData.meta({ description: 'The changed fields before the event, when the event carries them' }),
    after: eventData.meta({ description: 'The entity after the event (or the event’s data)' }),
    changes: z
      .array(fieldChangeView)
      .nullable()
      .meta({
        description:
          'The field-level diff of before and after, computed when the entry was written; null when the event ' +
          'carries no before (a creation, for one) or the entry predates diffs',
      }),
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
  'A bad limit, cursor, type, from or to (or a path parameter), or an unknown query parameter: each named in ' +
    'details.problems',
);
const jsonLines = {
  description:
    'Every matching entry, newest first, one AuditEntry as JSON per line (JSON Lines), streamed as it is read; ' +
    'a response cut short has no final newline',
  content: { 'application/x-ndjson': { schema: z.string().meta({ description: 'Lines of AuditEntry JSON' }) } },
};

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

/** The audit API as OpenAPI 3.1, from the zod schemas the routes validate with. */
export function auditOpenApi() {
  cached ??= buildOpenApiDocument({
    service: 'audit',
    description:
      'The append-only history of every event, for the signed-in user: per entity and in all, filtered by event ' +
      'type and time, a page at a time or exported as JSON Lines. Each entry has its field-level diff. ' +
      'Unknown query parameters are rejected (400).',
    paths: {
      '/api/audit/entities/{entityType}/{entityId}': {
        get: {
          summary: 'The history of one entity of the caller’s, newest first (cursor pagination, filters)',
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
          summary: 'Everything that happened to the caller’s data, newest first (cursor pagination, filters)',
          requestParams: { query: activityQuery },
          responses: {
            '200': page,
            '400': invalidInputResponse(
              'A bad limit, cursor, entityType, type, from or to, or an unknown query parameter: each named in ' +
                'details.problems',
            ),
            '401': commonErrors['401'],
          },
        },
      },
      '/api/audit/export': {
        get: {
          summary: 'The caller’s history, or one entity’s, filtered, as JSON Lines (a download, streamed)',
          requestParams: { query: exportQuery },
          responses: {
            '200': jsonLines,
            '400': invalidInputResponse(
              'A bad entityType, entityId, type, from or to, entityId without entityType, or an unknown query ' +
                'parameter: each named in details.problems',
            ),
            '401': commonErrors['401'],
            '404': errorResponse('entityId names an entity the caller has no entry for (another user’s, or none)'),
          },
        },
      },
    },
  });
  return cached;
}
