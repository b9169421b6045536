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
    .pipe(z.array(item).min(1).max(50));
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const SORTS = ['due', 'priority', 'created', 'updated', 'title', 'relevance'] as const;

/** Query string of GET /api/tasks (see docs/api.md). */
export const listQuery = z
  .object({
    status: z.enum(['open', 'done']).optional(),
    priority: csv(z.enum(PRIORITIES)).optional(),
    tagIds: csv(z.uuid('must be tag ids (UUIDs), comma-separated')).optional(),
    tagMode: z.enum(['any', 'all']).default('any'),
    listId: z.uuid('must be a list id (UUID)').optional(),
    /** The occurrences of one recurring series (its id is the first task's id). */
    seriesId: z.uuid('must be a series id (UUID)').optional(),
    dueFrom: z.iso.datetime({ offset: true, message: 'must be an ISO instant' }).optional(),
    dueTo: z.iso.datetime({ offset: true, message: 'must be an ISO instant' }).optional(),
    overdue: bool.optional(),
    hasReminder: bool.optional(),
    recurring: bool.optional(),
    q: z.string().trim().min(1).max(200).optional(),
    sort: z.enum(SORTS).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(500).optional(),
    includeDeleted: bool.optional(),
  })
  .strict()
  .refine((q) => q.sort !== 'relevance' || q.q, { message: 'sort=relevance needs a search (q)', path: ['sort'] });
export type ListQuery = z.infer<typeof listQuery>;

export const viewQuery = z
  .object({
    timeZone: ianaTimeZone,
    days: z.coerce.number().int().min(1).max(60).default(7),
    limit: z.coerce.number().int().min(1).max(100).default(100),
  })
  .strict();

/** A position in a sorted listing: the sort key of the last item and its id. */
export interface Cursor {
  k: string | number;
  id: string;
}

export const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');

export function decodeCursor(text: string): Cursor | undefined {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    const okKey = typeof c.k === 'string' || typeof c.k === 'number';
    return okKey && typeof c.id === 'string' && /^[0-9a-f-]{36}$/i.test(c.id) ? c : undefined;
  } catch {
    return undefined;
  }
}
