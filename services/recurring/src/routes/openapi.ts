import { z } from 'zod';
import { buildOpenApiDocument, commonErrors } from '@daybook/service-kit';
import { previewQuery } from './preview-query';

const occurrence = z.object({
  local: z.iso.datetime({ local: true }).meta({ description: 'The wall-clock time in the zone' }),
  at: z.iso.datetime().meta({ description: 'The instant' }),
});

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

/** The recurring API as OpenAPI 3.1, from the zod schemas the routes validate with. */
export function recurringOpenApi() {
  cached ??= buildOpenApiDocument({
    service: 'recurring',
    description: 'Previews of recurrence rules, computed in a time zone exactly as series are.',
    paths: {
      '/api/recurring/preview': {
        get: {
          summary: 'The next dates of a recurrence rule from a local start time in a zone',
          requestParams: { query: previewQuery },
          responses: {
            '200': {
              description: 'Occurrences, oldest first',
              content: {
                'application/json': {
                  schema: z.object({
                    occurrences: z.array(occurrence),
                    ifCompleted: occurrence.nullable().optional().meta({
                      description:
                        'With completedAt: the next one of an after-completion series if completed then (null: the series has ended)',
                    }),
                  }),
                },
              },
            },
            '400': commonErrors['400'],
            '401': commonErrors['401'],
          },
        },
      },
    },
  });
  return cached;
}
