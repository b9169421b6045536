import { z } from 'zod';
import { buildOpenApiDocument, commonErrors, errorResponse, invalidInputResponse } from '@daybook/service-kit';
import { idParams, inboxQuery, preferencesInput, snoozeBody, unsubscribeQuery } from './inputs';
import { countsView, notificationView } from './views';

const preferencesView = preferencesInput
  .extend({ timeZone: z.string().meta({ description: 'From the user’s profile; read-only' }) })
  .meta({ id: 'Preferences' });
const changed = z.object({ notification: notificationView, counts: countsView });
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const itemAction = (summary: string) => ({
  post: {
    summary,
    requestParams: { path: idParams },
    responses: {
      '200': json(changed, 'The item after the change, and the counts'),
      '400': invalidInputResponse('The id is not a UUID (params.id)'),
      '401': commonErrors['401'],
      '404': errorResponse('No such notification of the caller’s'),
    },
  },
});

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

/** The notifications API as OpenAPI 3.1, from the zod schemas the routes validate with. */
export function notificationsOpenApi() {
  cached ??= buildOpenApiDocument({
    service: 'notifications',
    description:
      'The signed-in user’s inbox (unseen → seen → read, archived, snoozed) with its badge counts, ' +
      'channel preferences, quiet hours and digest, and one-click unsubscribe (RFC 8058, no sign-in).',
    paths: {
      '/api/notifications/inbox': {
        get: {
          summary: 'A page of the inbox (not archived, not snoozed) or the archive, newest first',
          requestParams: { query: inboxQuery },
          responses: {
            '200': json(
              z.object({ items: z.array(notificationView), nextCursor: z.string().nullable(), counts: countsView }),
              'The page, the cursor of the next one (null at the end) and the counts',
            ),
            '400': invalidInputResponse('A bad view, limit or cursor: named in details.problems'),
            '401': commonErrors['401'],
          },
        },
      },
      '/api/notifications/counts': {
        get: {
          summary: 'The badge: unread and unseen items',
          responses: { '200': json(countsView, 'The counts'), '401': commonErrors['401'] },
        },
      },
      '/api/notifications/inbox/seen': {
        post: {
          summary: 'The bell was opened: every unseen item becomes seen',
          responses: { '200': json(z.object({ counts: countsView }), 'The counts after'), '401': commonErrors['401'] },
        },
      },
      '/api/notifications/inbox/read-all': {
        post: {
          summary: 'Mark every item in the inbox read',
          responses: { '200': json(z.object({ counts: countsView }), 'The counts after'), '401': commonErrors['401'] },
        },
      },
      '/api/notifications/{id}/read': itemAction('Mark an item read'),
      '/api/notifications/{id}/unread': itemAction('Mark an item unread (it becomes seen)'),
      '/api/notifications/{id}/archive': itemAction('Archive an item'),
      '/api/notifications/{id}/unarchive': itemAction('Bring an item back from the archive'),
      '/api/notifications/{id}/snooze': {
        post: {
          summary: 'Hide an item until an instant; it comes back (and counts again) then',
          requestParams: { path: idParams },
          requestBody: { required: true, content: { 'application/json': { schema: snoozeBody } } },
          responses: {
            '200': json(changed, 'The item after the change, and the counts'),
            '400': invalidInputResponse('A bad id, or an until that is not an instant in the future (body.until)'),
            '401': commonErrors['401'],
            '404': errorResponse('No such notification of the caller’s'),
          },
        },
      },
      '/api/notifications/preferences': {
        get: {
          summary: 'The caller’s preferences',
          responses: { '200': json(preferencesView, 'The preferences'), '401': commonErrors['401'] },
        },
        put: {
          summary: 'Replace the preferences (the whole object; timeZone is ignored)',
          requestBody: { required: true, content: { 'application/json': { schema: preferencesInput } } },
          responses: {
            '200': json(preferencesView, 'The preferences after the change'),
            '400': invalidInputResponse('Each bad field named in details.problems (e.g. body.quietHours.start)'),
            '401': commonErrors['401'],
          },
        },
      },
      '/api/notifications/unsubscribe': {
        get: {
          summary: 'The unsubscribe link of an email: a page asking to confirm (no sign-in)',
          security: [],
          requestParams: { query: unsubscribeQuery },
          responses: {
            '200': { description: 'A small HTML page with a confirm button', content: { 'text/html': {} } },
            '400': invalidInputResponse('No token (query.token)'),
          },
        },
        post: {
          summary: 'RFC 8058 one-click unsubscribe: that category’s emails stop (no sign-in)',
          security: [],
          requestParams: { query: unsubscribeQuery },
          responses: {
            '200': {
              description: 'Unsubscribed (HTML, or JSON `{unsubscribed: category}` when asked for)',
              content: { 'text/html': {}, 'application/json': { schema: z.object({ unsubscribed: z.string() }) } },
            },
            '400': invalidInputResponse('No token (query.token)'),
            '404': errorResponse('The token is not one Daybook signed'),
          },
        },
      },
    },
  });
  return cached;
}
