import { z } from 'zod';
import { ianaTimeZone } from '@daybook/contracts';

/** The longest entry body, in characters (the database checks it too). */
export const MAX_BODY_CHARS = 20_000;

const body = z
  .string()
  .refine((s) => s.trim().length > 0, 'must not be empty')
  .max(MAX_BODY_CHARS, `must be at most ${MAX_BODY_CHARS} characters`)
  .meta({ description: 'The entry in markdown' });
const mood = z
  .number()
  .int('must be a whole number from 1 to 5')
  .min(1, 'must be from 1 to 5')
  .max(5, 'must be from 1 to 5')
  .nullable()
  .meta({ description: 'How the day felt, 1 (bad) to 5 (great); null: not said' });
const tag = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(40, 'must be at most 40 characters')
  .regex(/^[^,#\s][^,]*$/, 'must not contain commas or start with # or a space')
  .transform((t) => t.toLowerCase());
const tags = z
  .array(tag)
  .max(20, 'must be at most 20 tags')
  .transform((ts) => [...new Set(ts)]);
/** An instant with an offset, not after the clock allows (an entry is about the past or now). */
const writtenAt = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time with an offset' })
  .meta({ description: 'When it was written (default: now)' });

export const createEntryInput = z
  .object({
    body,
    mood: mood.optional(),
    tags: tags.optional(),
    writtenAt: writtenAt.optional(),
    timeZone: ianaTimeZone
      .optional()
      .meta({ description: 'Zone of the local day it was written on (default: the user’s zone, else UTC)' }),
  })
  .strict();
export type CreateEntryInput = z.infer<typeof createEntryInput>;

export const updateEntryInput = z
  .object({
    body: body.optional(),
    mood: mood.optional(),
    tags: tags.optional(),
    writtenAt: writtenAt.optional(),
    timeZone: ianaTimeZone.optional(),
  })
  .strict()
  .refine((u) => Object.keys(u).length > 0, 'must change at least one field');
export type UpdateEntryInput = z.infer<typeof updateEntryInput>;

/** A position in the listing: writtenAt and id of the last entry of the page. */
export interface EntryCursor {
  at: string;
  id: string;
}
export const encodeCursor = (c: EntryCursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');
const cursorShape = z.object({ at: z.iso.datetime({ offset: true }), id: z.guid() }).strict();
const cursorParam = z
  .string()
  .max(300, { abort: true })
  .transform((text, ctx): EntryCursor => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    } catch {
      parsed = undefined;
    }
    const decoded = cursorShape.safeParse(parsed);
    if (decoded.success) return decoded.data;
    ctx.addIssue({ code: 'custom', message: 'is not a cursor returned by a previous page' });
    return z.NEVER;
  })
  .meta({ description: 'The nextCursor of the previous page' });

export const listEntriesQuery = z
  .object({
    q: z.string().trim().min(1).max(200).optional().meta({ description: 'Full-text search (web search syntax)' }),
    tag: tag.optional().meta({ description: 'Only entries with this tag' }),
    from: z.iso.date('must be a date YYYY-MM-DD').optional().meta({ description: 'First local day (inclusive)' }),
    to: z.iso.date('must be a date YYYY-MM-DD').optional().meta({ description: 'Last local day (inclusive)' }),
    deleted: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional()
      .meta({ description: 'true: only deleted entries (to restore them)' }),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: cursorParam.optional(),
  })
  .strict();
export type ListEntriesQuery = z.infer<typeof listEntriesQuery>;

export const calendarQuery = z
  .object({
    from: z.iso.date('must be a date YYYY-MM-DD').optional(),
    to: z.iso.date('must be a date YYYY-MM-DD').optional(),
    timeZone: ianaTimeZone.optional(),
  })
  .strict();
export type CalendarQuery = z.infer<typeof calendarQuery>;

export const settingsInput = z
  .object({
    cloudAi: z.boolean().optional().meta({ description: 'Let cloud AI providers analyse entries' }),
    reviewTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:mm')
      .nullable()
      .optional()
      .meta({ description: 'Local time on Sundays of the weekly review; null: none' }),
    timeZone: ianaTimeZone.optional(),
  })
  .strict()
  .refine((u) => Object.keys(u).length > 0, 'must change at least one setting');
export type SettingsInput = z.infer<typeof settingsInput>;

/** An entry of a journal export being imported: what a person writes; ids, insights and the rest are not read. */
const importedEntry = z.object({
  ...createEntryInput.shape,
  mood: createEntryInput.shape.mood.unwrap().nullable().optional(),
});
export const MAX_IMPORTED_ENTRIES = 5000;
export const importEntriesInput = z
  .object({
    entries: z.array(importedEntry).max(MAX_IMPORTED_ENTRIES, `at most ${MAX_IMPORTED_ENTRIES} entries`),
  })
  .strict();
export type ImportEntriesInput = z.infer<typeof importEntriesInput>;
