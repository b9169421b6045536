import { z } from 'zod';
import { PRIORITIES } from './task-input';
import { ianaTimeZone } from '@daybook/contracts';

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1).max(50))
    .meta({
      // The document states the list the route reads (the string is split at commas).
      override: { type: 'array', items: itemSchema(item), minItems: 1, maxItems: 50 },
      description: 'A comma-separated list (spaces around items and empty items are ignored)',
    });
/** How a comma-separated list is sent, for the document (on the optional parameter itself). */
const commaList = { param: { style: 'form', explode: false } } as const;
/** An item's JSON Schema, as a request gives it. */
const itemSchema = (item: z.ZodType): Record<string, unknown> => {
  const { $schema: _, ...schema } = z.toJSONSchema(item, { io: 'input' });
  return schema;
};
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

/** `position`: the person's own order (a list's, or the Inbox's: filter by listId). */
export const SORTS = ['due', 'priority', 'created', 'updated', 'title', 'relevance', 'position'] as const;
export type Sort = (typeof SORTS)[number];

/** A position in a sorted listing: the sort key of the last item and its id. */
export interface Cursor {
  k: string | number;
  id: string;
}

export const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');

const cursorShape = z.object({ k: z.union([z.string(), z.number()]), id: z.guid() }).strict();

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** The opaque `cursor` parameter, decoded: anything but a cursor we wrote is refused here. */
const cursorParam = z
  .string()
  .max(500, { abort: true })
  .transform((text, ctx): Cursor => {
    const decoded = cursorShape.safeParse(parseJson(Buffer.from(text, 'base64url').toString('utf8')));
    if (decoded.success) return decoded.data;
    ctx.addIssue({ code: 'custom', message: 'is not a cursor returned by a previous page' });
    return z.NEVER;
  })
  .meta({ description: 'The nextCursor of the previous page, with the same sort: anything else is a 400' });

/** The sort of a listing: the one asked for, else by relevance for a search, else newest first. */
export const sortOf = (q: { sort?: Sort | undefined; q?: string | undefined }): Sort =>
  q.sort ?? (q.q ? 'relevance' : 'created');

/**
 * A timestamptz as PostgreSQL writes it as text (DateStyle ISO, any TimeZone), a date that
 * exists, in PostgreSQL's range, or an infinity (tasks without a due date sort as one).
 */
export function isPostgresTimestamp(text: string): boolean {
  if (text === 'infinity' || text === '-infinity') return true;
  const m = text.match(
    /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?[+-](\d{2})(?::[0-5]\d){0,2}( BC)?$/,
  );
  if (!m) return false;
  const [year, month, day, hour, minute, second, offsetHours] = m.slice(1, 8).map(Number) as number[];
  // PostgreSQL has no year 0 and goes back to 4713 BC; 1 BC is JavaScript's year 0.
  if (year! < 1 || (m[8] && year! > 4712)) return false;
  const calendarYear = m[8] ? 1 - year! : year!;
  const date = new Date(0);
  date.setUTCFullYear(calendarYear, month! - 1, day);
  const exists = date.getUTCMonth() === month! - 1 && date.getUTCDate() === day;
  return exists && hour! < 24 && minute! < 60 && second! < 60 && offsetHours! <= 15;
}

/** A number PostgreSQL reads as a real (a rank): zero, or neither overflowing nor underflowing. */
const isReal = (k: number): boolean => k === 0 || (Math.abs(k) >= 1.2e-38 && Math.abs(k) <= 3.4e38);

/**
 * The sort key a cursor of each sort carries, as the database wrote it. A key of another
 * type (a cursor of another sort, or a made-up one) would fail inside the query instead.
 */
const CURSOR_KEYS: Record<Sort, z.ZodType<string | number>> = {
  due: z.string().refine(isPostgresTimestamp),
  created: z.string().refine(isPostgresTimestamp),
  updated: z.string().refine(isPostgresTimestamp),
  priority: z
    .number()
    .int()
    .min(0)
    .max(PRIORITIES.length - 1),
  // PostgreSQL text cannot hold NUL.
  title: z.string().refine((k) => !k.includes('\u0000')),
  relevance: z.number().refine(isReal),
  // A fractional index: ASCII letters and digits.
  position: z.string().regex(/^[0-9A-Za-z]{1,200}$/),
};

/** Query string of GET /api/tasks (see docs/api.md). */
export const listQuery = z
  .object({
    status: z.enum(['open', 'done']).optional(),
    priority: csv(z.enum(PRIORITIES)).optional().meta(commaList),
    tagIds: csv(z.uuid('must be tag ids (UUIDs), comma-separated')).optional().meta(commaList),
    tagMode: z.enum(['any', 'all']).default('any'),
    listId: z
      .union([z.uuid(), z.literal('none')], { error: 'must be a list id (UUID) or "none"' })
      .optional()
      .meta({ description: 'A list id, or "none": the tasks without a list (the Inbox)' }),
    /** The occurrences of one recurring series (its id is the first task's id). */
    seriesId: z.uuid('must be a series id (UUID)').optional(),
    /** The subtasks of one task (its direct ones). */
    parentId: z.uuid('must be a task id (UUID)').optional(),
    /** true: top-level tasks only (a subtask is shown under its parent); false: subtasks only. */
    topLevel: bool.optional(),
    dueFrom: z.iso.datetime({ offset: true, message: 'must be an ISO instant' }).optional(),
    dueTo: z.iso.datetime({ offset: true, message: 'must be an ISO instant' }).optional(),
    overdue: bool.optional(),
    hasReminder: bool.optional(),
    recurring: bool.optional(),
    q: z.string().trim().min(1).max(200).optional(),
    sort: z.enum(SORTS).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: cursorParam.optional(),
    includeDeleted: bool.optional(),
  })
  .strict()
  .refine((q) => q.sort !== 'relevance' || q.q, { message: 'sort=relevance needs a search (q)', path: ['sort'] })
  .refine((q) => !q.cursor || CURSOR_KEYS[sortOf(q)].safeParse(q.cursor.k).success, {
    message: 'is not a cursor of this sort; start again from the first page',
    path: ['cursor'],
  });
export type ListQuery = z.infer<typeof listQuery>;

export const viewQuery = z
  .object({
    timeZone: ianaTimeZone,
    days: z.coerce.number().int().min(1).max(60).default(7),
    limit: z.coerce.number().int().min(1).max(100).default(100),
  })
  .strict();

/** The open tasks by due date, soonest first (the Today and Upcoming views). */
export const openTasksByDue = (limit: number): ListQuery => ({
  status: 'open',
  sort: 'due',
  order: 'asc',
  tagMode: 'any',
  limit,
});
