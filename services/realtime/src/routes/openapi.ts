import { z } from 'zod';
import { buildOpenApiDocument, commonErrors, invalidInputResponse } from '@daybook/service-kit';
import { changesQuery } from './changes-query';

const changeView = z
  .object({
    seq: z.number().int().min(1).meta({ description: 'The change’s number in the user’s own sequence' }),
    event: z.object({
      id: z.string().meta({ description: 'The event id (CloudEvent id)' }),
      type: z.string().meta({ description: 'The event type, e.g. daybook.task.updated.v1 (docs/events)' }),
      time: z.iso.datetime().meta({ description: 'When the event happened' }),
      data: z.unknown().meta({ description: 'The event’s data, as its contract defines it' }),
    }),
  })
  .meta({ id: 'Change' });

/** 200 of GET /api/realtime/changes. */
export const changesPage = z
  .object({
    changes: z.array(changeView),
    cursor: z.number().int().min(0).meta({ description: 'The new sync token: the last seq returned (or since)' }),
    hasMore: z.boolean().meta({ description: 'More changes follow: call again with the new cursor' }),
  })
  .meta({ id: 'ChangesPage' });

/** 410 of GET /api/realtime/changes. */
export const resyncAnswer = z
  .object({
    error: z.literal('resync'),
    cursor: z.number().int().min(0).meta({ description: 'Refetch your data, then continue from this cursor' }),
  })
  .meta({ id: 'Resync' });

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

/** The realtime HTTP API as OpenAPI 3.1 (the WebSocket protocol at /ws is in docs/api.md). */
export function realtimeOpenApi() {
  cached ??= buildOpenApiDocument({
    service: 'realtime',
    description:
      'The signed-in user’s changes, numbered by a per-user sequence: the same sequence the WebSocket at /ws ' +
      'pushes (docs/api.md, "Realtime"), usable as a sync token.',
    paths: {
      '/api/realtime/changes': {
        get: {
          summary: 'The caller’s changes after a sync token, oldest first',
          requestParams: { query: changesQuery },
          responses: {
            '200': {
              description: 'The changes after `since` (at most `limit`)',
              content: { 'application/json': { schema: changesPage } },
            },
            '400': invalidInputResponse(
              'A bad since or limit, or an unknown query parameter: named in details.problems',
            ),
            '401': commonErrors['401'],
            '410': {
              description:
                'The changes after `since` cannot be served (deleted by retention, or `since` is from the future): ' +
                'refetch, then continue from `cursor`',
              content: { 'application/json': { schema: resyncAnswer } },
            },
          },
        },
      },
    },
  });
  return cached;
}
