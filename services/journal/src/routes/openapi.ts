import { z } from 'zod';
import { journalEntrySnapshot } from '@daybook/contracts';
import { buildOpenApiDocument, commonErrors, conflictErrorSchema, errorResponse } from '@daybook/service-kit';
import {
  calendarQuery,
  createEntryInput,
  importEntriesInput,
  listEntriesQuery,
  settingsInput,
  updateEntryInput,
} from '../domain/entry-input';
import { PROVIDERS, SENTIMENT_LABELS } from '../domain/insight';
import { etagPattern } from './if-match';
import { entryParams, insightParams, limitQuery, suggestionParams } from './journal';

const Suggestion = z
  .object({ id: z.uuid(), text: z.string(), taskRequestId: z.uuid().nullable() })
  .meta({ id: 'Suggestion', description: 'A follow-up; taskRequestId once turned into a task' });
const Insight = z
  .object({
    id: z.uuid(),
    entryId: z.uuid(),
    entryVersion: z.number().int(),
    summary: z.string(),
    sentiment: z.number().min(-1).max(1),
    sentimentLabel: z.enum(SENTIMENT_LABELS),
    themes: z.array(z.string()),
    suggestions: z.array(Suggestion),
    provider: z.enum(PROVIDERS),
    model: z.string(),
    durationMs: z.number().int(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Insight' });
const Entry = journalEntrySnapshot
  .extend({ body: z.string(), createdAt: z.iso.datetime(), updatedAt: z.iso.datetime(), insight: Insight.nullable() })
  .meta({ id: 'Entry' });
const Settings = z
  .object({
    cloudAi: z.boolean(),
    reviewTime: z.string().nullable(),
    timeZone: z.string().nullable(),
    cloudProviders: z.array(z.object({ name: z.string(), model: z.string(), url: z.string() })),
    whatIsSent: z.object({ description: z.string(), exampleRequest: z.record(z.string(), z.unknown()) }),
  })
  .meta({ id: 'JournalSettings' });
const Review = z
  .object({
    id: z.uuid(),
    weekStart: z.iso.date(),
    themes: z.array(z.string()),
    moodTrend: z.array(z.object({ date: z.iso.date(), mood: z.number() })),
    entryIds: z.array(z.uuid()),
    streak: z.number().int(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'WeeklyReview' });
const Calendar = z.object({
  timeZone: z.string(),
  today: z.iso.date(),
  currentStreak: z.number().int(),
  longestStreak: z.number().int(),
  days: z.array(z.object({ date: z.iso.date(), entries: z.number().int(), mood: z.number().nullable() })),
});

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const body = (schema: z.ZodType) => ({ required: true, ...json(schema) });
const ok = (description: string, schema: z.ZodType) => ({ description, ...json(schema) });
const etagValue = z
  .string()
  .regex(etagPattern)
  .meta({ description: 'The entry ETag (its version), e.g. "3"', example: '"3"' });
const ifMatch = z.object({ 'if-match': etagValue });
const ifMatchOptional = z.object({
  'if-match': etagValue.optional().meta({ description: 'The entry ETag: when given, a 409 unless it is current' }),
});
/** 409 of an entry change: details.current is the server's copy of the entry. */
const entryConflictError = conflictErrorSchema(Entry, 'EntryConflictError');
const conflict = (description: string) => ({ '409': errorResponse(description, entryConflictError) });
const stale = conflict('The entry changed since that version: details.current is the server copy');
const { '400': invalid, '401': unauthorized } = commonErrors;
const inputErrors = { '400': invalid, '401': unauthorized };

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

/** The journal API as OpenAPI 3.1, from the zod schemas the routes validate with. */
export function journalOpenApi() {
  cached ??= buildOpenApiDocument({
    service: 'journal',
    description:
      'Journal entries of the signed-in user, their AI insights, weekly reviews and journal settings. Entries are analysed after they are saved (locally unless the user opted in to cloud AI).',
    paths: {
      '/api/journal/export': {
        get: {
          summary: 'Every entry of the user’s (not deleted), oldest first, with its insight: their journal export',
          responses: { '200': ok('The entries', z.object({ entries: z.array(Entry) })), '401': commonErrors['401'] },
        },
      },
      '/api/journal/import': {
        post: {
          summary: 'Import the entries of a journal export: all or nothing (a wrong entry is a 400 naming it)',
          requestBody: body(importEntriesInput),
          responses: { '201': ok('How many were imported', z.object({ imported: z.number().int() })), ...inputErrors },
        },
      },
      '/api/journal/entries': {
        get: {
          summary: 'List and search entries, newest first (cursor pagination)',
          requestParams: { query: listEntriesQuery },
          responses: {
            '200': ok('A page of entries', z.object({ items: z.array(Entry), nextCursor: z.string().nullable() })),
            ...inputErrors,
          },
        },
        post: {
          summary: 'Write an entry (analysed afterwards)',
          requestBody: body(createEntryInput),
          responses: { '201': ok('The entry (ETag: its version)', Entry), ...inputErrors },
        },
      },
      '/api/journal/entries/{id}': {
        get: {
          summary: 'Get an entry with its insight',
          requestParams: { path: entryParams },
          responses: { '200': ok('The entry (ETag: its version)', Entry), ...commonErrors },
        },
        patch: {
          summary: 'Edit an entry (its insight is made again)',
          requestParams: { path: entryParams, header: ifMatch },
          requestBody: body(updateEntryInput),
          responses: {
            '200': ok('The entry', Entry),
            ...commonErrors,
            ...stale,
            '428': errorResponse('If-Match is missing'),
          },
        },
        delete: {
          summary: 'Delete an entry (restorable)',
          requestParams: { path: entryParams, header: ifMatchOptional },
          responses: { '200': ok('The deleted entry', Entry), ...commonErrors, ...stale },
        },
      },
      '/api/journal/entries/{id}/restore': {
        post: {
          summary: 'Restore a deleted entry',
          requestParams: { path: entryParams },
          responses: {
            '200': ok('The entry', Entry),
            ...commonErrors,
            ...conflict('The entry is not deleted: details.current is the server copy'),
          },
        },
      },
      '/api/journal/calendar': {
        get: {
          summary: 'Days written (entries and average mood per local day) and streaks',
          requestParams: { query: calendarQuery },
          responses: { '200': ok('The calendar', Calendar), ...inputErrors },
        },
      },
      '/api/journal/insights': {
        get: {
          summary: 'Insights, newest first, with the entries they came from',
          requestParams: { query: limitQuery },
          responses: {
            '200': ok(
              'Insights',
              z.object({
                items: z.array(
                  Insight.extend({
                    entry: z.object({
                      id: z.uuid(),
                      writtenAt: z.iso.datetime(),
                      writtenOn: z.iso.date(),
                      mood: z.number().int().nullable(),
                    }),
                  }),
                ),
              }),
            ),
            ...inputErrors,
          },
        },
      },
      '/api/journal/insights/{id}': {
        delete: {
          summary: 'Delete an insight',
          requestParams: { path: insightParams },
          responses: { '204': { description: 'Deleted' }, ...commonErrors },
        },
      },
      '/api/journal/insights/{id}/suggestions/{suggestionId}/task': {
        post: {
          summary: 'Turn a suggested follow-up into a task (once; the tasks service creates it)',
          requestParams: { path: suggestionParams },
          responses: {
            '202': ok(
              'Requested (created: false when it was requested before)',
              z.object({ requestId: z.uuid(), created: z.boolean() }),
            ),
            ...commonErrors,
          },
        },
      },
      '/api/journal/reviews': {
        get: {
          summary: 'Weekly reviews, newest week first',
          requestParams: { query: limitQuery },
          responses: { '200': ok('Reviews', z.object({ items: z.array(Review) })), ...inputErrors },
        },
      },
      '/api/journal/settings': {
        get: {
          summary: 'Journal settings, with what cloud AI would be sent',
          responses: { '200': ok('Settings', Settings), '401': unauthorized },
        },
        patch: {
          summary: 'Opt in or out of cloud AI, set the weekly review time or the zone',
          requestBody: body(settingsInput),
          responses: { '200': ok('Settings', Settings), ...inputErrors },
        },
      },
    },
  });
  return cached;
}
