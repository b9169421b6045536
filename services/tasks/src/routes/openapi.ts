import { z } from 'zod';
import { taskSnapshot } from '@daybook/contracts';
import { buildOpenApiDocument, commonErrors, conflictErrorSchema, errorResponse } from '@daybook/service-kit';
import { listQuery, viewQuery } from '../domain/list-query';
import { completeTaskInput, createTaskInput, updateTaskInput, updateTaskQuery } from '../domain/task-input';
import { feedParams } from './calendar';
import { exportQuery, importInput } from './data';
import { countsQuery, listInput, listUpdate, orderInput, tagInput, tagUpdate } from './tags-and-lists';
import { bulkInput, moveInput, taskParams } from './tasks';

const Task = taskSnapshot
  .extend({
    subtasks: z
      .object({ total: z.number().int().min(0), done: z.number().int().min(0) })
      .strict()
      .optional()
      .meta({ description: 'Its subtasks (direct, not deleted) and how many are done; on every answer but a 409' }),
  })
  .meta({ id: 'Task' });
const Tag = z
  .object({
    id: z.uuid(),
    name: z.string().min(1).max(50),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/)
      .nullable(),
    position: z.int().min(0).meta({ description: 'Its place in the sidebar, 0 first (ties by name)' }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Tag' });
const List = z
  .object({
    id: z.uuid(),
    name: z.string().min(1).max(100),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/)
      .nullable(),
    position: z.int().min(0).meta({ description: 'Its place in the sidebar, 0 first (ties by name)' }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'List' });
const CalendarFeed = z
  .object({
    createdAt: z.iso.datetime(),
    tokenHint: z.string().meta({ description: 'The last characters of the token in the URL' }),
  })
  .meta({ id: 'CalendarFeed' });
const NewCalendarFeed = CalendarFeed.extend({
  path: z.string().meta({ description: 'The feed URL’s path, /api/tasks/calendar/<token>.ics' }),
}).meta({ id: 'NewCalendarFeed' });
const TasksExport = z
  .object({
    lists: z.array(List),
    tags: z.array(Tag),
    tasks: z.array(Task),
    series: z.array(z.record(z.string(), z.unknown())),
  })
  .meta({ id: 'TasksExport' });
const ImportResult = z
  .object({
    dryRun: z.boolean(),
    lists: z.number().int(),
    tags: z.number().int(),
    tasks: z.number().int(),
    preview: z.array(
      z.object({ title: z.string(), priority: z.string(), status: z.string(), due: z.unknown().nullable() }),
    ),
    warnings: z.array(z.object({ field: z.string(), message: z.string() })),
  })
  .meta({ id: 'ImportResult' });
const countsOf = z.array(z.object({ id: z.uuid(), count: z.int().min(1) }));
const Counts = z
  .object({
    inbox: z.int().min(0).meta({ description: 'Open tasks without a list' }),
    today: z
      .int()
      .min(0)
      .meta({ description: 'Open tasks due by the end of today (overdue too), as GET /views/today' }),
    upcoming: z.int().min(0).meta({ description: 'Open tasks due in the `days` after today, as GET /views/upcoming' }),
    lists: countsOf.meta({ description: 'Open tasks per list (lists without any are left out)' }),
    tags: countsOf.meta({ description: 'Open tasks per tag (tags without any are left out)' }),
    timeZone: z.string(),
  })
  .meta({ id: 'OpenCounts' });
const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
/** A request body the route requires (validation answers 400 to a missing one). */
const body = (schema: z.ZodType) => ({ required: true, ...json(schema) });
const ok = (description: string, schema: z.ZodType) => ({ description, ...json(schema) });
/** If-Match as routes/if-match.ts reads it: the task version, weak or strong, quoted or not. */
const etagValue = z
  .string()
  .regex(/^(?:W\/)?"?\d{1,9}"?$/)
  .meta({ description: 'The task ETag (its version), e.g. "3"', example: '"3"' });
const ifMatch = z.object({ 'if-match': etagValue });
const ifMatchOptional = z.object({
  'if-match': etagValue.optional().meta({ description: 'The task ETag: when given, a 409 unless it is current' }),
});
/** 409 of a task change: details.current is the server's copy of the task. */
const taskConflictError = conflictErrorSchema(Task, 'TaskConflictError');
const taskConflict = (description: string) => ({ '409': errorResponse(description, taskConflictError) });
const stale = taskConflict('The task changed since that version: details.current is the server copy');
const versioned = { ...stale, '428': errorResponse('If-Match is missing') };
const { '400': invalid, '401': unauthorized } = commonErrors;
/** An operation without a resource of its own: 400 and 401 only. */
const inputErrors = { '400': invalid, '401': unauthorized };
const idParam = z.object({ id: z.uuid() });
const page = (item: z.ZodType) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

/** The tasks API as OpenAPI 3.1, from the zod schemas the routes validate with. */
export function tasksOpenApi() {
  cached ??= buildOpenApiDocument({
    service: 'tasks',
    description: 'Tasks, tags and lists of the signed-in user. Every change emits one event on task-events.',
    paths: {
      '/api/tasks': {
        get: {
          summary: 'List, filter, search and sort tasks (cursor pagination)',
          requestParams: { query: listQuery },
          responses: { '200': ok('A page of tasks', page(Task)), ...inputErrors },
        },
        post: {
          summary: 'Create a task',
          requestBody: body(createTaskInput),
          responses: { '201': ok('The created task (ETag: its version)', Task), ...inputErrors },
        },
      },
      '/api/tasks/views/today': {
        get: {
          summary: 'Open tasks due today or overdue, in a time zone',
          requestParams: { query: viewQuery },
          responses: { '200': ok('Tasks', z.object({ items: z.array(Task), timeZone: z.string() })), ...inputErrors },
        },
      },
      '/api/tasks/views/upcoming': {
        get: {
          summary: 'Open tasks due in the next days, in a time zone',
          requestParams: { query: viewQuery },
          responses: {
            '200': ok('Tasks', z.object({ items: z.array(Task), timeZone: z.string(), days: z.number().int() })),
            ...inputErrors,
          },
        },
      },
      '/api/tasks/bulk': {
        post: {
          summary: 'Complete, delete, tag or untag up to 100 tasks',
          requestBody: body(bulkInput),
          responses: {
            '200': ok(
              'Result per task',
              z.object({
                results: z.array(
                  z.object({ id: z.uuid(), status: z.enum(['ok', 'not_found', 'unchanged']), task: Task.optional() }),
                ),
              }),
            ),
            ...inputErrors,
          },
        },
      },
      '/api/tasks/{id}': {
        get: {
          summary: 'Get a task',
          requestParams: { path: taskParams },
          responses: { '200': ok('The task (ETag: its version)', Task), ...commonErrors },
        },
        patch: {
          summary:
            'Change some fields of a task (null clears a field); in a series, this occurrence or also later ones',
          requestParams: { path: taskParams, header: ifMatch, query: updateTaskQuery },
          requestBody: body(updateTaskInput),
          responses: { '200': ok('The updated task', Task), ...commonErrors, ...versioned },
        },
        delete: {
          summary: 'Delete a task (restorable for 30 days)',
          requestParams: { path: taskParams, header: ifMatchOptional },
          responses: {
            '200': ok('The deleted task', z.object({ task: Task, restorableUntil: z.iso.datetime() })),
            ...commonErrors,
            ...stale,
          },
        },
      },
      '/api/tasks/{id}/complete': {
        post: {
          summary: 'Mark a task done (with completeSubtasks, its open subtasks too)',
          requestParams: { path: taskParams, header: ifMatch },
          requestBody: json(completeTaskInput),
          responses: { '200': ok('The task', Task), ...commonErrors, ...versioned },
        },
      },
      '/api/tasks/{id}/reopen': {
        post: {
          summary: 'Open a done task again',
          requestParams: { path: taskParams, header: ifMatch },
          responses: { '200': ok('The task', Task), ...commonErrors, ...versioned },
        },
      },
      '/api/tasks/{id}/move': {
        post: {
          summary:
            'Move a task within its list (manual order), just before or just after another task of the same list',
          requestParams: { path: taskParams, header: ifMatchOptional },
          requestBody: body(moveInput),
          responses: { '200': ok('The moved task (its new position)', Task), ...commonErrors, ...stale },
        },
      },
      '/api/tasks/{id}/restore': {
        post: {
          summary: 'Restore a deleted task',
          requestParams: { path: taskParams },
          responses: {
            '200': ok('The task', Task),
            ...commonErrors,
            ...taskConflict('The task is not deleted: details.current is the server copy'),
          },
        },
      },
      '/api/tasks/counts': {
        get: {
          summary: 'How many open tasks are in the Inbox, Today, Upcoming, each list and each tag (the sidebar)',
          requestParams: { query: countsQuery },
          responses: { '200': ok('The counts', Counts), ...inputErrors },
        },
      },
      '/api/tasks/tags/order': {
        put: {
          summary: 'Put the tags in an order (ids first to last; those left out follow)',
          requestBody: body(orderInput),
          responses: {
            '200': ok('The tags in their new order', z.object({ items: z.array(Tag) })),
            ...inputErrors,
            '404': commonErrors['404'],
          },
        },
      },
      '/api/tasks/tags': {
        get: {
          summary: 'The user’s tags',
          responses: { '200': ok('Tags', z.object({ items: z.array(Tag) })), '401': unauthorized },
        },
        post: {
          summary: 'Create a tag',
          requestBody: body(tagInput),
          responses: {
            '201': ok('The tag', Tag),
            ...inputErrors,
            '409': errorResponse('A tag with that name exists'),
          },
        },
      },
      '/api/tasks/tags/{id}': {
        patch: {
          summary: 'Rename or recolour a tag',
          requestParams: { path: idParam },
          requestBody: body(tagUpdate),
          responses: {
            '200': ok('The tag', Tag),
            ...commonErrors,
            '409': errorResponse('Another tag has that name'),
          },
        },
        delete: {
          summary: 'Delete a tag (removed from its tasks)',
          requestParams: { path: idParam },
          responses: { '204': { description: 'Deleted' }, ...commonErrors },
        },
      },
      '/api/tasks/lists': {
        get: {
          summary: 'The user’s lists',
          responses: { '200': ok('Lists', z.object({ items: z.array(List) })), '401': unauthorized },
        },
        post: {
          summary: 'Create a list',
          requestBody: body(listInput),
          responses: { '201': ok('The list', List), ...inputErrors },
        },
      },
      '/api/tasks/lists/order': {
        put: {
          summary: 'Put the lists in an order (ids first to last; those left out follow)',
          requestBody: body(orderInput),
          responses: {
            '200': ok('The lists in their new order', z.object({ items: z.array(List) })),
            ...inputErrors,
            '404': commonErrors['404'],
          },
        },
      },
      '/api/tasks/lists/{id}': {
        patch: {
          summary: 'Rename or recolour a list',
          requestParams: { path: idParam },
          requestBody: body(listUpdate),
          responses: { '200': ok('The list', List), ...commonErrors },
        },
        delete: {
          summary: 'Delete a list (its tasks stay, with no list)',
          requestParams: { path: idParam },
          responses: { '204': { description: 'Deleted' }, ...commonErrors },
        },
      },
      '/api/tasks/export': {
        get: {
          summary:
            'Everything of the user’s this service keeps: tasks (with tags and reminders), lists, tags, series (or the tasks as CSV)',
          requestParams: { query: exportQuery },
          responses: {
            '200': {
              description: 'The export (JSON), or the tasks as CSV with ?format=csv',
              content: {
                'application/json': { schema: TasksExport },
                'text/csv': { schema: z.string() },
              },
            },
            ...inputErrors,
          },
        },
      },
      '/api/tasks/import': {
        post: {
          summary: 'Import a Todoist CSV export or our own export: all or nothing (dryRun previews)',
          requestBody: body(importInput),
          responses: {
            '200': ok('What would be imported (dryRun)', ImportResult),
            '201': ok('What was imported', ImportResult),
            ...inputErrors,
            '413': errorResponse('The file is larger than the request body limit (256 kB)'),
            '415': errorResponse('The body is not JSON'),
          },
        },
      },
      '/api/tasks/calendar-feed': {
        get: {
          summary: 'The user’s private calendar feed (its URL is shown only when made)',
          responses: { '200': ok('The feed', CalendarFeed), '401': unauthorized, '404': errorResponse('No feed made') },
        },
        post: {
          summary: 'Make or regenerate the calendar feed: the previous URL stops working',
          responses: { '201': ok('The feed with its URL path, shown this once', NewCalendarFeed), '401': unauthorized },
        },
        delete: {
          summary: 'Revoke the calendar feed: its URL answers 404',
          responses: { '204': { description: 'Revoked' }, '401': unauthorized, '404': errorResponse('No feed made') },
        },
      },
      '/api/tasks/calendar/{file}': {
        get: {
          summary:
            'The iCalendar feed of open due tasks, reminders as alarms (no sign-in: the token is the credential)',
          security: [],
          requestParams: { path: feedParams },
          responses: {
            '200': { description: 'The calendar (RFC 5545)', content: { 'text/calendar': {} } },
            '304': { description: 'Unchanged since the ETag in If-None-Match' },
            '400': invalid,
            '404': errorResponse('No feed has this token (never made, regenerated or revoked)'),
          },
        },
      },
    },
  });
  return cached;
}
