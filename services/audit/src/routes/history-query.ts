import { z } from 'zod';
import { ALL_EVENTS } from '@daybook/contracts';
import { MAX_ENTRY_ID } from '../domain/audit-entry';

const notACursor = 'must be a cursor returned by a previous page';

/**
 * Decimal numbers from 0 to `max`, as a regular expression: fewer digits than `max`, or as
 * many and not above it, digit by digit. The cursor's whole range is in the pattern, so the
 * OpenAPI document says exactly what the route accepts.
 */
export function upTo(max: bigint): RegExp {
  const digits = max.toString();
  const shorter = digits.length > 1 ? [`\\d{1,${digits.length - 1}}`] : [];
  const below = [...digits].flatMap((d, i) => {
    if (d === '0') return [];
    const lower = d === '1' ? '0' : `[0-${Number(d) - 1}]`;
    const rest = digits.length - i - 1;
    return [`${digits.slice(0, i)}${lower}${rest > 0 ? `\\d{${rest}}` : ''}`];
  });
  return new RegExp(`^(?:${[...shorter, ...below, digits].join('|')})$`);
}

/** Every event type the history can hold: the catalogue's. */
const EVENT_TYPES = ALL_EVENTS.map((c) => c.type) as [string, ...string[]];
const entityType = z.string().regex(/^[a-z-]+$/, 'must be an entity type such as "task"');
const entityId = z.string().min(1).max(200);

/** A comma-separated list, documented as the list the route reads (as the tasks API does). */
const csv = <T extends z.ZodType<unknown, string>>(item: T, itemJsonSchema: Record<string, unknown>) =>
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
      override: { type: 'array', items: itemJsonSchema, minItems: 1, maxItems: 50 },
      description: 'A comma-separated list (spaces around items and empty items are ignored)',
    });
/** How a comma-separated list is sent, for the document (on the optional parameter itself). */
const commaList = { param: { style: 'form', explode: false } } as const;

const instant = (description: string) =>
  z.iso
    .datetime({ offset: true, message: 'must be an ISO instant' })
    .transform((s) => new Date(s))
    .meta({ description });

/** The filters every history query takes: which event types, and when they happened. */
const filters = {
  type: csv(z.enum(EVENT_TYPES, 'must be Daybook event types, e.g. daybook.task.updated.v1'), {
    type: 'string',
    enum: EVENT_TYPES,
  })
    .optional()
    .meta(commaList),
  from: instant('Only events that happened at or after this instant').optional(),
  to: instant('Only events that happened before this instant').optional(),
};
const page = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /**
   * Opaque cursor from the previous page's `nextCursor`: the id of its last entry, so at
   * most MAX_ENTRY_ID (a larger number would fail inside the query).
   */
  cursor: z
    .string()
    .regex(upTo(MAX_ENTRY_ID), notACursor)
    .transform(BigInt)
    .meta({ description: 'The nextCursor of the previous page' })
    .optional(),
};
const fromBeforeTo = <T extends { from?: Date; to?: Date }>(q: T) => !q.from || !q.to || q.from < q.to;
const toAfterFrom = { message: 'must be after from', path: ['to'] };

/** Query of GET /api/audit/entities/…: a page, newest first, `limit` per page, older than `cursor`; filters. */
export const pageQuery = z
  .object({ ...page, ...filters })
  .strict()
  .refine(fromBeforeTo, toAfterFrom);

/** Query of GET /api/audit/me: as pageQuery, and optionally one type of entity. */
export const activityQuery = z
  .object({ ...page, entityType: entityType.optional(), ...filters })
  .strict()
  .refine(fromBeforeTo, toAfterFrom);

/** Query of GET /api/audit/export: the caller's history, or one entity's, filtered; no pages. */
export const exportQuery = z
  .object({ entityType: entityType.optional(), entityId: entityId.optional(), ...filters })
  .strict()
  .refine(fromBeforeTo, toAfterFrom)
  .refine((q) => q.entityId === undefined || q.entityType !== undefined, {
    message: 'is needed with entityId',
    path: ['entityType'],
  });

/** Path of GET /api/audit/entities/:entityType/:entityId. */
export const entityParams = z.object({ entityType, entityId });
