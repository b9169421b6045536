import { z } from 'zod';
import { buildOpenApiDocument, commonErrors, errorResponse, invalidInputResponse } from '@daybook/service-kit';
import { listQuery, snoozeBody } from './reminder-input';

/** One reminder as the routes answer it (routes/index.ts, view). */
export const reminderView = z
  .object({
    taskId: z.uuid(),
    reminderId: z.uuid(),
    taskTitle: z.string(),
    dueAt: z.iso.datetime().nullable().meta({ description: 'When the task is due; null when it has no due date' }),
    fireAt: z.iso.datetime().meta({ description: 'When the reminder fires (after a snooze: the snoozed time)' }),
    status: z.enum(['scheduled', 'fired']),
  })
  .meta({ id: 'Reminder' });

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

/** The reminders API as OpenAPI 3.1, from the zod schemas the routes validate with. */
export function remindersOpenApi() {
  cached ??= buildOpenApiDocument({
    service: 'reminders',
    description:
      'The signed-in user’s pending and fired reminders, and snooze. Reminders are created, moved and ' +
      'cancelled through the tasks API (a task’s reminders); this service fires them.',
    paths: {
      '/api/reminders': {
        get: {
          summary: 'The caller’s scheduled and fired reminders (cancelled ones are not listed)',
          requestParams: { query: listQuery },
          responses: {
            '200': {
              description: 'The reminders, soonest first',
              content: { 'application/json': { schema: z.object({ items: z.array(reminderView) }) } },
            },
            '400': invalidInputResponse('A bad taskId, or an unknown query parameter: named in details.problems'),
            '401': commonErrors['401'],
          },
        },
      },
      '/api/reminders/snooze': {
        post: {
          summary: 'Snooze a reminder: for some minutes, or until an instant (at most 30 days ahead)',
          requestBody: { required: true, content: { 'application/json': { schema: snoozeBody } } },
          responses: {
            '200': {
              description: 'The reminder, due again at its new time',
              content: { 'application/json': { schema: reminderView } },
            },
            '400': invalidInputResponse(
              'Bad input, both or neither of minutes and until, or an until that is not in the future or more ' +
                'than 30 days ahead (body.until): each named in details.problems',
            ),
            '401': commonErrors['401'],
            '404': errorResponse('No such reminder of the caller’s'),
            '409': errorResponse('The reminder was cancelled (its task is done or deleted)'),
          },
        },
      },
    },
  });
  return cached;
}
